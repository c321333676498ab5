package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

/** Opens a {@code protos.ChaincodeSupport/Register} stream, sends REGISTER and reports the peer's first answer. */
public final class RegisterProbe {
    private RegisterProbe() {}

    /**
     * What the peer answered on one REGISTER stream.
     *
     * @param type the first message's type, or null when the stream ended instead
     * @param error how the stream ended, or null when a message came first
     */
    public record Answer(ChaincodeMessage.Type type, Status error) {}

    /**
     * Registers as a package and waits up to 20 s for the peer's first answer.
     *
     * @param channel the channel to the chaincode endpoint
     * @param packageId the package ID to register as
     * @return the answer
     * @throws InterruptedException when interrupted while waiting
     */
    public static Answer register(ManagedChannel channel, String packageId) throws InterruptedException {
        LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        StreamObserver<ChaincodeMessage> toPeer = ChaincodeSupportGrpc.newStub(channel)
                .register(new StreamObserver<>() {
                    @Override
                    public void onNext(ChaincodeMessage message) {
                        answers.add(new Answer(message.getType(), null));
                    }

                    @Override
                    public void onError(Throwable t) {
                        answers.add(new Answer(null, Status.fromThrowable(t)));
                    }

                    @Override
                    public void onCompleted() {
                        answers.add(new Answer(null, Status.OK));
                    }
                });
        toPeer.onNext(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.REGISTER)
                .setPayload(ChaincodeID.newBuilder().setName(packageId).build().toByteString())
                .build());
        Answer answer = answers.poll(20, TimeUnit.SECONDS);
        assertThat(answer).as("answer to REGISTER").isNotNull();
        return answer;
    }
}
