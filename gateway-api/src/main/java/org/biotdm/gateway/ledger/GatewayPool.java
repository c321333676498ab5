package org.biotdm.gateway.ledger;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.biotdm.gateway.error.ErrorCode;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Owns the one gRPC channel to the peer's Gateway service (TLS, trusting {@code biotdm.ledger.tls-root-cert}) and one
 * fabric-gateway {@link Gateway} per Fabric identity on top of it, all closed on shutdown.
 *
 * <p>The channel and gateways are created on first use rather than at startup, so the service starts (and serves
 * what does not need the ledger) while the peer is down or the ledger is not configured; calls then fail with {@code
 * LEDGER_UNAVAILABLE}. gRPC reconnects the channel by itself when the peer returns.
 */
@Singleton
public class GatewayPool implements AutoCloseable {
    private static final TimeUnit MS = TimeUnit.MILLISECONDS;

    private final LedgerConfiguration configuration;
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();
    private ManagedChannel channel;
    private boolean closed;

    /**
     * Creates the pool.
     *
     * @param configuration the ledger settings
     */
    public GatewayPool(LedgerConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * Returns the gateway connection for an identity, connecting it on first use.
     *
     * @param identity the identity that signs proposals, transactions and event requests
     * @return the gateway, shared by all callers with that identity
     * @throws LedgerException {@code LEDGER_UNAVAILABLE} when the connection is not configured, the TLS root cannot be
     *     read or the pool is closed
     */
    public Gateway gateway(LedgerIdentity identity) throws LedgerException {
        Gateway gateway = gateways.get(identity.key());
        if (gateway != null) {
            return gateway;
        }
        return connect(identity);
    }

    private synchronized Gateway connect(LedgerIdentity identity) throws LedgerException {
        Gateway existing = gateways.get(identity.key());
        if (existing != null) {
            return existing;
        }
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                .signer(new BcEcdsaSigner(identity.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel())
                .evaluateOptions(o -> o.withDeadlineAfter(millis(configuration.evaluateTimeout()), MS))
                .endorseOptions(o -> o.withDeadlineAfter(millis(configuration.endorseTimeout()), MS))
                .submitOptions(o -> o.withDeadlineAfter(millis(configuration.submitTimeout()), MS))
                .commitStatusOptions(o -> o.withDeadlineAfter(millis(configuration.commitStatusTimeout()), MS))
                .connect();
        gateways.put(identity.key(), gateway);
        return gateway;
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }

    private ManagedChannel channel() throws LedgerException {
        if (closed) {
            throw new LedgerException(
                    LedgerException.Kind.UNAVAILABLE,
                    ErrorCode.LEDGER_UNAVAILABLE,
                    "The ledger connection is closed (the service is shutting down)",
                    null,
                    null);
        }
        if (channel == null) {
            channel = newChannel();
        }
        return channel;
    }

    private ManagedChannel newChannel() throws LedgerException {
        if (configuration.peerEndpoint() == null || configuration.tlsRootCert() == null) {
            throw LedgerErrors.notConfigured("biotdm.ledger.peer-endpoint and biotdm.ledger.tls-root-cert");
        }
        try {
            NettyChannelBuilder builder = NettyChannelBuilder.forTarget(configuration.peerEndpoint())
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(configuration.tlsRootCert().toFile())
                            .build());
            if (configuration.peerHostName() != null
                    && !configuration.peerHostName().isBlank()) {
                builder.overrideAuthority(configuration.peerHostName());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new LedgerException(
                    LedgerException.Kind.UNAVAILABLE,
                    ErrorCode.LEDGER_UNAVAILABLE,
                    "The peer's TLS root certificate " + configuration.tlsRootCert() + " cannot be used: "
                            + e.getMessage(),
                    null,
                    e);
        }
    }

    /** Closes every gateway, then the channel, waiting up to five seconds for calls in flight. */
    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        gateways.values().forEach(Gateway::close);
        gateways.clear();
        if (channel != null) {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
