package org.biotdm.devnet.chaincode;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer side of one chaincode stream, as Fabric's {@code chaincode.Handler}: the REGISTER / REGISTERED / READY
 * handshake, then TRANSACTION messages out and the shim's requests in, for any number of interleaved transactions
 * correlated on channel ID + txid.
 *
 * <p>Requests are answered on the gRPC callback thread, which gRPC serialises per stream; they only touch in-memory
 * state. INVOKE_CHAINCODE waits for another chaincode, so it runs on the {@link ChaincodeSupport}'s pool. Sends are
 * serialised with a lock because a gRPC {@link StreamObserver} is not thread-safe.
 */
final class ChaincodeHandler implements StreamObserver<ChaincodeMessage> {

    /** Fabric's {@code ErrorExecutionTimeout}. */
    static final String EXECUTION_TIMEOUT = "timeout expired while executing transaction";

    /** Fabric's {@code ErrorStreamTerminated}. */
    static final String STREAM_TERMINATED = "chaincode stream terminated";

    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeHandler.class);

    private final ChaincodeSupport support;
    private final StreamObserver<ChaincodeMessage> toShim;
    private final ShimRequests requests;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ConcurrentHashMap<String, TransactionContext> contexts = new ConcurrentHashMap<>(16);
    private final String certifiedPackageId;
    private volatile String packageId;
    private volatile boolean ready;
    private final AtomicBoolean terminated = new AtomicBoolean();

    ChaincodeHandler(ChaincodeSupport support, StreamObserver<ChaincodeMessage> toShim, String certifiedPackageId) {
        this.support = support;
        this.toShim = toShim;
        this.certifiedPackageId = certifiedPackageId;
        this.requests = new ShimRequests(support, this);
    }

    /** Returns the package ID the chaincode registered with, or null before REGISTER. */
    String packageId() {
        return packageId;
    }

    @Override
    public void onNext(ChaincodeMessage message) {
        Type type = message.getType();
        if (type == Type.KEEPALIVE || terminated.get()) {
            return;
        }
        if (!ready) {
            handleRegister(message);
        } else if (type == Type.COMPLETED || type == Type.ERROR) {
            notifyCompletion(message);
        } else if (type == Type.INVOKE_CHAINCODE) {
            support.invokeExecutor().execute(() -> send(requests.handle(message)));
        } else {
            send(requests.handle(message));
        }
    }

    @Override
    public void onError(Throwable t) {
        terminate();
    }

    @Override
    public void onCompleted() {
        terminate();
        sendLock.lock();
        try {
            toShim.onCompleted();
        } catch (RuntimeException e) { // NOPMD - AvoidCatchingGenericException: the call may already be closed
            // Nothing to tell a stream that is gone.
        } finally {
            sendLock.unlock();
        }
    }

    /** Called by gRPC when the client cancels or disconnects. */
    void streamCancelled() {
        terminate();
    }

    /**
     * Sends TRANSACTION and waits for the chaincode's COMPLETED or ERROR message, as Fabric's {@code Handler.Execute}.
     *
     * @throws ChaincodeExecutionException with Fabric's bare reason: "txid: X(channel) exists", the execution timeout
     *     or a terminated stream
     */
    ChaincodeMessage execute(
            String namespace,
            String channelId,
            String txId,
            SignedProposal signedProposal,
            ChaincodeInput input,
            TxSimulator simulator,
            Duration timeout)
            throws ChaincodeExecutionException {
        String key = TransactionContext.key(channelId, txId);
        TransactionContext context = new TransactionContext(channelId, txId, namespace, signedProposal, simulator);
        if (contexts.putIfAbsent(key, context) != null) {
            throw new ChaincodeExecutionException("txid: " + txId + "(" + channelId + ") exists");
        }
        try {
            // terminate() sets the flag before failing contexts, so a context added after its sweep is caught here.
            if (terminated.get()) {
                throw new ChaincodeExecutionException(STREAM_TERMINATED);
            }
            send(ChaincodeMessage.newBuilder()
                    .setType(Type.TRANSACTION)
                    .setPayload(input.toByteString())
                    .setTxid(txId)
                    .setChannelId(channelId)
                    .setProposal(signedProposal)
                    .build());
            return context.await(timeout);
        } finally {
            contexts.remove(key, context);
            context.closeQueries();
        }
    }

    /** Returns the running transaction for a shim request, or null. */
    TransactionContext context(String channelId, String txId) {
        return contexts.get(TransactionContext.key(channelId, txId));
    }

    /** Sends one message to the shim; a failed send ends the stream. */
    void send(ChaincodeMessage message) {
        RuntimeException failure = null;
        sendLock.lock();
        try {
            if (!terminated.get()) {
                toShim.onNext(message);
            }
        } catch (RuntimeException e) { // NOPMD - AvoidCatchingGenericException: gRPC signals a dead call this way
            failure = e;
        } finally {
            sendLock.unlock();
        }
        if (failure != null) {
            terminate();
        }
    }

    private void handleRegister(ChaincodeMessage message) {
        if (message.getType() != Type.REGISTER) {
            fail("[" + message.getTxid() + "] Fabric side handler cannot handle message (" + message.getType()
                    + ") while in created state");
            return;
        }
        String name;
        try {
            name = ChaincodeID.parseFrom(message.getPayload()).getName();
        } catch (InvalidProtocolBufferException e) {
            fail("error in received REGISTER, could NOT unmarshal registration info: " + e.getMessage());
            return;
        }
        if (name.isEmpty()) {
            fail("error in handling register chaincode, chaincodeID name is empty");
            return;
        }
        if (support.clientCertificatesRequired() && !name.equals(certifiedPackageId)) {
            fail("chaincode registration refused: the stream's TLS client certificate was not issued for the package"
                    + " it registers as");
            return;
        }
        if (support.isRegistered(name)) {
            fail("duplicate chaincodeID: " + name);
            return;
        }
        packageId = name;
        send(ChaincodeMessage.newBuilder().setType(Type.REGISTERED).build());
        send(ChaincodeMessage.newBuilder().setType(Type.READY).build());
        // Only a handler that has sent READY may receive TRANSACTION: the shim ignores it before READY.
        ready = true;
        if (!support.register(this)) {
            fail("duplicate chaincodeID: " + name);
        }
    }

    private void notifyCompletion(ChaincodeMessage message) {
        TransactionContext context = context(message.getChannelId(), message.getTxid());
        if (context != null) {
            context.complete(message);
            context.closeQueries();
        }
    }

    /** Ends the stream with an error status, as Fabric does when the handler returns an error. */
    private void fail(String reason) {
        LOG.warn("{}: chaincode stream closed: {}", support.peerName(), reason);
        sendLock.lock();
        try {
            if (!terminated.get()) {
                toShim.onError(Status.INTERNAL.withDescription(reason).asRuntimeException());
            }
        } catch (RuntimeException e) { // NOPMD - AvoidCatchingGenericException: the call may already be closed
            // The stream is gone either way.
        } finally {
            sendLock.unlock();
        }
        terminate();
    }

    /** Deregisters the handler and fails every transaction waiting on it, as Fabric's {@code streamDone}. */
    private void terminate() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        support.deregister(this);
        for (TransactionContext context : contexts.values()) {
            context.fail(STREAM_TERMINATED);
            context.closeQueries();
        }
        if (packageId != null) {
            LOG.info("{}: chaincode {} stream terminated", support.peerName(), packageId);
        }
    }
}
