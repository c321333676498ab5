package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;

/** The chaincode end of a ChaincodeSupport stream, driven by hand: it sends what a shim would and records replies. */
final class FakeShim implements StreamObserver<ChaincodeMessage> {

    static final String CHANNEL = "mychannel";

    private final BlockingQueue<ChaincodeMessage> received = new LinkedBlockingQueue<>();
    private volatile Throwable error;
    private StreamObserver<ChaincodeMessage> peer;

    static FakeShim connect(ChaincodeSupport support) {
        FakeShim shim = new FakeShim();
        shim.peer = support.connect(shim);
        return shim;
    }

    /** Sends REGISTER and checks the REGISTERED / READY handshake. */
    FakeShim register(String packageId) throws InterruptedException {
        send(ChaincodeMessage.newBuilder()
                .setType(Type.REGISTER)
                .setPayload(ChaincodeID.newBuilder().setName(packageId).build().toByteString())
                .build());
        assertThat(take().getType()).isEqualTo(Type.REGISTERED);
        assertThat(take().getType()).isEqualTo(Type.READY);
        return this;
    }

    void send(ChaincodeMessage message) {
        peer.onNext(message);
    }

    /** Sends a request for a transaction and returns the peer's answer. */
    ChaincodeMessage request(Type type, String txId, Message payload) throws InterruptedException {
        send(message(type, txId, payload.toByteString()));
        return take();
    }

    /** Sends COMPLETED with a response for a transaction. */
    void complete(String txId, Message response) {
        send(message(Type.COMPLETED, txId, response.toByteString()));
    }

    static ChaincodeMessage message(Type type, String txId, ByteString payload) {
        return ChaincodeMessage.newBuilder()
                .setType(type)
                .setTxid(txId)
                .setChannelId(CHANNEL)
                .setPayload(payload)
                .build();
    }

    ChaincodeMessage take() throws InterruptedException {
        ChaincodeMessage message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("message from the peer").isNotNull();
        return message;
    }

    /** Ends the stream from the chaincode side, as a dying process does. */
    void die() {
        peer.onError(new IllegalStateException("connection reset"));
    }

    Throwable error() {
        return error;
    }

    @Override
    public void onNext(ChaincodeMessage message) {
        received.add(message);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onCompleted() {
        // The peer never completes the stream in these tests.
    }
}
