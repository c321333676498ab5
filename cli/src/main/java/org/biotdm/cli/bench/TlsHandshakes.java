package org.biotdm.cli.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Runs TLS handshakes between a device (the JDK's client) and a device port's server side built on a given JSSE
 * provider, over buffers in memory (no sockets, so only the handshake's computation and copying count), and times the
 * server engine's work: what a gateway pays per device (re)connection. Mutual authentication with P-256 keys, as on the
 * device ports ({@link HandshakeKeys}).
 *
 * <p>Full handshakes use a new client context each (an empty session cache); resumed ones share one client context
 * that keeps the server's TLS 1.3 session ticket (RFC 8446 §2.2, PSK with (EC)DHE), so the server skips its
 * certificate signature and the client certificate check.
 */
final class TlsHandshakes {
    private static final int BUFFER = 1 << 17;
    private static final int MAX_ROUNDS = 64;

    private final SSLContext server;
    private final HandshakeKeys keys;
    private final String protocol;
    private final Provider device;

    /**
     * Creates the server side.
     *
     * @param provider the server's JSSE provider (SunJSSE, or BouncyCastle's BCJSSE)
     * @param keys the handshake's keys
     * @param protocol {@code TLSv1.3} or {@code TLSv1.2}
     * @throws GeneralSecurityException when the provider has no such protocol
     */
    TlsHandshakes(Provider provider, HandshakeKeys keys, String protocol) throws GeneralSecurityException {
        this.server = SSLContext.getInstance("TLS", provider);
        this.server.init(
                HandshakeKeys.keyManagers(keys.server(), provider).getKeyManagers(),
                HandshakeKeys.trustManagers(keys.serverTrust(), provider).getTrustManagers(),
                null);
        this.device = SSLContext.getDefault().getProvider();
        this.keys = keys;
        this.protocol = protocol;
    }

    /**
     * Returns a device's client context, with an empty session cache.
     *
     * @return the context (the JDK's provider)
     * @throws GeneralSecurityException when TLS is unavailable
     */
    SSLContext newDevice() throws GeneralSecurityException {
        SSLContext client = SSLContext.getInstance("TLS", device);
        client.init(
                HandshakeKeys.keyManagers(keys.device(), device).getKeyManagers(),
                HandshakeKeys.trustManagers(keys.deviceTrust(), device).getTrustManagers(),
                null);
        return client;
    }

    /**
     * Runs one handshake, then lets the session ticket reach the client.
     *
     * @param device the device's client context
     * @return the server engine's time, nanoseconds
     * @throws SSLException when the handshake fails
     */
    long handshake(SSLContext device) throws SSLException {
        SSLEngine client = device.createSSLEngine("gateway", 8883);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine engine = server.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        engine.setEnabledProtocols(new String[] {protocol});
        ByteBuffer toServer = ByteBuffer.allocate(BUFFER);
        ByteBuffer toClient = ByteBuffer.allocate(BUFFER);
        long serverNanos = 0;
        int quiet = 0;
        for (int round = 0; round < MAX_ROUNDS && quiet < 2; round++) {
            boolean moved = step(client, toClient, toServer);
            long start = System.nanoTime();
            moved |= step(engine, toServer, toClient);
            serverNanos += System.nanoTime() - start;
            quiet = !moved && finished(client) && finished(engine) ? quiet + 1 : 0;
        }
        if (!finished(client) || !finished(engine)) {
            throw new SSLException("the handshake did not finish in " + MAX_ROUNDS + " rounds");
        }
        return serverNanos;
    }

    private static boolean finished(SSLEngine engine) {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Reads what the peer sent, then writes what this side has to send; true when any bytes moved. */
    private static boolean step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws SSLException {
        ByteBuffer application = ByteBuffer.allocate(BUFFER);
        boolean moved = false;
        in.flip();
        while (in.hasRemaining()) {
            SSLEngineResult result = engine.unwrap(in, application);
            runTasks(engine);
            moved |= result.bytesConsumed() > 0;
            if (result.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        ByteBuffer nothing = ByteBuffer.allocate(0);
        while (true) {
            SSLEngineResult result = engine.wrap(nothing, out);
            runTasks(engine);
            if (result.bytesProduced() == 0) {
                return moved;
            }
            moved = true;
        }
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
