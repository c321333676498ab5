package org.biotdm.devnet.chaincode;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.BindableService;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's chaincode support: the {@code protos.ChaincodeSupport/Register} gRPC service that chaincode processes
 * connect to, the registry of their streams by package ID, and transaction execution, as Fabric's {@code
 * core/chaincode/chaincode_support.go} and {@code handler_registry.go}.
 *
 * <p>Registration follows Fabric: a second REGISTER for a package ID that already has a live stream is refused
 * ("duplicate chaincodeID") and that stream is closed; once a stream ends, the package ID may register again (as a
 * restarted chaincode process does). After {@link #requireClientCertificates()}, as on a Fabric peer, a stream may
 * only register as the package ID its TLS client certificate was issued for ({@link ChaincodeTls}); without it any
 * package ID may register, as in Fabric's development mode (unit tests use that).
 *
 * <p>The server hosting {@link #grpcService()} should accept messages of 100 MiB, the shim's own limit.
 */
public final class ChaincodeSupport {

    /** Fabric's default {@code chaincode.executetimeout}. */
    public static final Duration DEFAULT_EXECUTE_TIMEOUT = Duration.ofSeconds(30);

    /** How long an execution waits for a chaincode process to (re-)register by default. */
    public static final Duration DEFAULT_LAUNCH_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeSupport.class);

    private final String peerName;
    private final Duration executeTimeout;
    private final ConcurrentHashMap<String, ChaincodeHandler> handlers = new ConcurrentHashMap<>();
    private final Object registrations = new Object();
    private final ThreadPoolExecutor invokeExecutor;
    private volatile Duration launchTimeout = DEFAULT_LAUNCH_TIMEOUT;
    private volatile boolean clientCertificatesRequired;
    private volatile Function<String, Optional<String>> chaincodeResolver = name -> Optional.empty();

    /**
     * Creates the chaincode support of one peer.
     *
     * @param peerName the peer's name, used in thread names and logs
     * @param executeTimeout how long one execution may take, Fabric's {@code chaincode.executetimeout} (30 s)
     */
    public ChaincodeSupport(String peerName, Duration executeTimeout) {
        this.peerName = Objects.requireNonNull(peerName, "peerName");
        this.executeTimeout = Objects.requireNonNull(executeTimeout, "executeTimeout");
        AtomicInteger threads = new AtomicInteger();
        // Chaincode-to-chaincode calls block until the callee finishes, so they need their own (reused) threads.
        this.invokeExecutor =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, peerName + "-cc2cc-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Creates the chaincode support of one peer with Fabric's default execute timeout of 30 s.
     *
     * @param peerName the peer's name
     */
    public ChaincodeSupport(String peerName) {
        this(peerName, DEFAULT_EXECUTE_TIMEOUT);
    }

    /**
     * Returns the peer's name.
     *
     * @return the peer name
     */
    public String peerName() {
        return peerName;
    }

    /**
     * Returns the gRPC service {@code protos.ChaincodeSupport} that chaincode processes in client mode call.
     *
     * @return the service, to add to a gRPC server
     */
    public BindableService grpcService() {
        return new ChaincodeSupportGrpc.ChaincodeSupportImplBase() {
            @Override
            public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> toShim) {
                return connect(toShim, ChaincodeTls.CERTIFIED_PACKAGE_ID.get());
            }
        };
    }

    /**
     * Refuses every registration whose stream did not present a client certificate that this peer's {@link
     * ChaincodeTls} issued for the registering package ID; the server hosting {@link #grpcService()} must then use
     * {@link ChaincodeTls#serverContext()} and {@link ChaincodeTls#authenticator()}.
     */
    public void requireClientCertificates() {
        this.clientCertificatesRequired = true;
    }

    /** Tells whether registrations need a client certificate issued for their package ID. */
    boolean clientCertificatesRequired() {
        return clientCertificatesRequired;
    }

    /**
     * Sets how chaincode-to-chaincode calls find the callee's process: chaincode name to package ID.
     *
     * @param resolver returns the package ID of a chaincode defined on the channel, or empty
     */
    public void setChaincodeResolver(Function<String, Optional<String>> resolver) {
        this.chaincodeResolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Sets how long an execution waits for a chaincode process that is not (or no longer) registered, for example
     * while its launcher restarts it.
     *
     * @param timeout the wait; default {@link #DEFAULT_LAUNCH_TIMEOUT}
     */
    public void setLaunchTimeout(Duration timeout) {
        this.launchTimeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Reports whether a chaincode process with this package ID is connected and ready.
     *
     * @param packageId the package ID
     * @return true when registered
     */
    public boolean isRegistered(String packageId) {
        return handlers.containsKey(packageId);
    }

    /**
     * Waits until a chaincode process with this package ID has registered.
     *
     * @param packageId the package ID
     * @param timeout the longest wait
     * @return true when registered within the timeout; false on timeout or interruption (the interrupt flag is kept)
     */
    public boolean awaitRegistered(String packageId, Duration timeout) {
        return awaitHandler(packageId, timeout) != null;
    }

    /**
     * Runs one transaction on the chaincode process registered under the invocation's package ID and waits for its
     * answer, serving its state requests from the simulator in the invocation's chaincode namespace.
     *
     * @param invocation what to run
     * @param simulator the transaction's simulator; the caller builds the read/write set from it afterwards
     * @return the chaincode's response (any status, including 500 for a {@code ChaincodeException}) and event
     * @throws ChaincodeExecutionException when there is no response: no process registered within the launch
     *     timeout, the stream ended, the execute timeout expired, the same channel and txid already run on that
     *     process, or the shim answered ERROR; the message is Fabric's text
     */
    public ChaincodeResult execute(ChaincodeInvocation invocation, TxSimulator simulator)
            throws ChaincodeExecutionException {
        String txId = invocation.txId();
        ChaincodeMessage reply;
        try {
            reply = run(invocation, simulator);
        } catch (ChaincodeExecutionException e) {
            throw new ChaincodeExecutionException("failed to execute transaction " + txId + ": " + e.getMessage(), e);
        }
        return switch (reply.getType()) {
            case COMPLETED -> new ChaincodeResult(
                    parseResponse(txId, reply), reply.hasChaincodeEvent() ? reply.getChaincodeEvent() : null);
            case ERROR -> throw new ChaincodeExecutionException(
                    "transaction returned with failure: " + reply.getPayload().toStringUtf8());
            default -> throw new ChaincodeExecutionException(
                    "unexpected response type " + reply.getTypeValue() + " for transaction " + txId);
        };
    }

    /** Runs a chaincode-to-chaincode callee with the caller's txid, proposal and simulator, in its own namespace. */
    ChaincodeMessage invokeCallee(String chaincodeName, TransactionContext caller, ChaincodeInput input)
            throws ChaincodeExecutionException {
        Optional<String> packageId = chaincodeResolver.apply(chaincodeName);
        if (packageId.isEmpty()) {
            throw new ChaincodeExecutionException("invalid invocation: [channel " + caller.channelId()
                    + "] failed to get chaincode container info for " + chaincodeName + ": chaincode " + chaincodeName
                    + " not found");
        }
        ChaincodeInvocation invocation = new ChaincodeInvocation(
                chaincodeName, packageId.get(), caller.channelId(), caller.txId(), caller.signedProposal(), input);
        return run(invocation, caller.simulator());
    }

    private ChaincodeMessage run(ChaincodeInvocation invocation, TxSimulator simulator)
            throws ChaincodeExecutionException {
        String packageId = invocation.packageId();
        ChaincodeHandler handler = handlers.get(packageId);
        if (handler == null) {
            handler = awaitHandler(packageId, launchTimeout);
            if (handler == null) {
                throw new ChaincodeExecutionException("could not launch chaincode " + packageId
                        + ": timeout expired while starting chaincode " + packageId + " for transaction");
            }
        }
        try {
            return handler.execute(
                    invocation.chaincodeName(),
                    invocation.channelId(),
                    invocation.txId(),
                    invocation.signedProposal(),
                    invocation.input(),
                    simulator,
                    executeTimeout);
        } catch (ChaincodeExecutionException e) {
            throw new ChaincodeExecutionException("error sending: " + e.getMessage(), e);
        }
    }

    private static Response parseResponse(String txId, ChaincodeMessage reply) throws ChaincodeExecutionException {
        try {
            return Response.parseFrom(reply.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new ChaincodeExecutionException(
                    "failed to unmarshal response for transaction " + txId + ": " + e.getMessage(), e);
        }
    }

    /** Creates the handler for one new stream without a client certificate; tests call it. */
    ChaincodeHandler connect(StreamObserver<ChaincodeMessage> toShim) {
        return connect(toShim, null);
    }

    /** Creates the handler for one new stream whose client certificate was issued for a package ID, or null. */
    ChaincodeHandler connect(StreamObserver<ChaincodeMessage> toShim, String certifiedPackageId) {
        ChaincodeHandler handler = new ChaincodeHandler(this, toShim, certifiedPackageId);
        if (toShim instanceof ServerCallStreamObserver<?> call) {
            // With a cancel handler, sends after cancellation are dropped instead of throwing.
            call.setOnCancelHandler(handler::streamCancelled);
        }
        return handler;
    }

    Executor invokeExecutor() {
        return invokeExecutor;
    }

    /** Publishes a handler that has sent READY; false when another live stream holds the package ID. */
    boolean register(ChaincodeHandler handler) {
        synchronized (registrations) {
            if (handlers.putIfAbsent(handler.packageId(), handler) != null) {
                return false;
            }
            registrations.notifyAll();
        }
        LOG.info("{}: chaincode {} registered", peerName, handler.packageId());
        return true;
    }

    /** Removes a handler whose stream ended, unless another stream already replaced it. */
    void deregister(ChaincodeHandler handler) {
        String packageId = handler.packageId();
        if (packageId != null) {
            handlers.remove(packageId, handler);
        }
    }

    private ChaincodeHandler awaitHandler(String packageId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (registrations) {
            ChaincodeHandler handler = handlers.get(packageId);
            while (handler == null) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(registrations, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                handler = handlers.get(packageId);
            }
            return handler;
        }
    }
}
