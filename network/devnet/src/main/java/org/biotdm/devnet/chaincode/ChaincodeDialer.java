package org.biotdm.devnet.chaincode;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a peer to a chaincode server (chaincode-as-a-service), as a Fabric peer does after the {@code ccaas}
 * builder released a package: it dials the address of {@code connection.json} (TLS trusting {@code root_cert}, and
 * with {@code client_auth_required} presenting {@code client_cert}), opens {@code protos.Chaincode/Connect}, and from
 * then on the stream is the same as a launched chaincode's {@code Register} stream: the chaincode sends REGISTER and
 * the peer's {@link ChaincodeSupport} takes it, registering it only as the package ID it dialed for.
 *
 * <p>When the stream ends (the server stopped, the connection failed), the dialer dials again after 250 ms, doubling
 * up to 5 s, so executions wait for a restarted chaincode server as they wait for a relaunched chaincode process.
 */
public final class ChaincodeDialer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeDialer.class);
    private static final long INITIAL_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final ChaincodeSupport support;
    private final String packageId;
    private final CcaasConnection connection;
    private final ManagedChannel channel;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private long backoffMillis = INITIAL_BACKOFF_MILLIS;
    private ClientCallStreamObserver<ChaincodeMessage> stream;
    private boolean closed;

    /**
     * Creates a dialer; nothing is dialed until {@link #start()}.
     *
     * @param support the peer's chaincode support
     * @param packageId the package ID the chaincode must register as
     * @param connection the rendered {@code connection.json}
     * @param dialAddress the {@code host:port} actually dialed: the connection's address, or where a test network
     *     publishes it (the TLS host name checked stays the connection's)
     * @throws IOException when a PEM field of the connection cannot be read
     */
    public ChaincodeDialer(ChaincodeSupport support, String packageId, CcaasConnection connection, String dialAddress)
            throws IOException {
        this.support = Objects.requireNonNull(support, "support");
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.channel = channel(connection, dialAddress);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chaincode-dialer-" + packageId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Dials the chaincode server; failures are retried in the background. */
    public void start() {
        scheduler.execute(this::dial);
    }

    /** Ends the stream and stops dialing. */
    @Override
    public void close() {
        ClientCallStreamObserver<ChaincodeMessage> last;
        synchronized (lock) {
            closed = true;
            last = stream;
        }
        scheduler.shutdownNow();
        if (last != null) {
            last.cancel("peer closed", null);
        }
        channel.shutdownNow();
    }

    private void dial() {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        ChaincodeGrpc.newStub(channel).connect(new Stream());
    }

    private void streamEnded(Throwable cause) {
        synchronized (lock) {
            stream = null;
            if (closed) {
                return;
            }
            long delay = backoffMillis;
            // One warning per outage: the first failed dial after a registered stream (or the first ever); the
            // redials while a server boots or stays down are logged at debug level.
            boolean firstFailure = delay == INITIAL_BACKOFF_MILLIS;
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            String reason = cause == null ? "completed" : rootCause(cause);
            if (firstFailure) {
                LOG.warn(
                        "chaincode server {} for {}: stream ended ({}); dialing again until it answers",
                        connection.address(),
                        packageId,
                        reason);
            } else {
                LOG.debug("chaincode server {}: {}; dialing again in {} ms", connection.address(), reason, delay);
            }
            scheduler.schedule(this::dial, delay, TimeUnit.MILLISECONDS);
        }
    }

    private static String rootCause(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == cause ? cause.getMessage() : cause.getMessage() + ": " + root;
    }

    /** One {@code Connect} stream: hands the chaincode's messages to a {@link ChaincodeHandler}. */
    private final class Stream implements ClientResponseObserver<ChaincodeMessage, ChaincodeMessage> {
        private ChaincodeHandler handler;

        @Override
        public void beforeStart(ClientCallStreamObserver<ChaincodeMessage> requests) {
            synchronized (lock) {
                stream = requests;
            }
            handler = support.connect(requests, packageId);
        }

        @Override
        public void onNext(ChaincodeMessage message) {
            if (message.getType() == ChaincodeMessage.Type.REGISTER) {
                synchronized (lock) {
                    backoffMillis = INITIAL_BACKOFF_MILLIS;
                }
            }
            handler.onNext(message);
        }

        @Override
        public void onError(Throwable t) {
            handler.onError(t);
            streamEnded(t);
        }

        @Override
        public void onCompleted() {
            handler.onCompleted();
            streamEnded(null);
        }
    }

    private static ManagedChannel channel(CcaasConnection connection, String dialAddress) throws IOException {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(dialAddress)
                .maxInboundMessageSize(100 * 1024 * 1024)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, connection.dialTimeout().toMillis()));
        if (!connection.tlsRequired()) {
            return builder.usePlaintext().build();
        }
        return builder.sslContext(sslContext(connection))
                .overrideAuthority(connection.host())
                .build();
    }

    private static SslContext sslContext(CcaasConnection connection) throws IOException {
        SslContextBuilder tls = GrpcSslContexts.forClient().trustManager(pem(connection.rootCert()));
        if (connection.clientAuthRequired()) {
            tls.keyManager(pem(connection.clientCert()), pem(connection.clientKey()));
        }
        return tls.build();
    }

    private static ByteArrayInputStream pem(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
