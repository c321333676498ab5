package org.biotdm.device.sdk;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.biotdm.protocol.cluster.AuthExchange;
import org.biotdm.protocol.cluster.ClusterCrypto;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterLimits;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import org.biotdm.protocol.cluster.KeyRequest;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The cluster-head role of {@code protocol/cluster-keys-v1.md}: answers members' hellos, checks their finishes, and
 * issues one-time pairwise keys on authenticated key requests after the {@link ClusterDirectory} (the gateway)
 * vouched for both members and recorded the grant. State is bounded: at most {@code maxMembers} sessions and as many
 * unfinished exchanges, the least recently used dropped first (a dropped member simply authenticates again).
 * Thread-safe.
 */
public final class ClusterHead {
    private static final HexFormat HEX = HexFormat.of();

    private final String deviceId;
    private final DeviceKeys keys;
    private final ClusterDirectory directory;
    private final LongSupplier clock;
    private final long keyLifetimeMs;
    private final Map<String, Pending> pending;
    private final Map<String, Session> sessions;

    private record Pending(AuthExchange.Hello hello, AsymmetricCipherKeyPair y, byte[] gy, ECPublicKeyParameters key) {}

    private record Session(byte[] kek, long lastHello, long lastRequest) {}

    /**
     * The deliveries of one issued key, one for each member.
     *
     * @param grant the grant, whose hash the gateway recorded
     * @param toFirst {@code G ‖ W} for {@link KeyGrant#first()}
     * @param toSecond {@code G ‖ W} for {@link KeyGrant#second()}
     */
    public record Issued(KeyGrant grant, byte[] toFirst, byte[] toSecond) {}

    /**
     * Creates the role.
     *
     * @param deviceId the head's device ID
     * @param keys the head's registered device key
     * @param directory the membership source
     * @param clock epoch milliseconds
     * @param keyLifetimeMs lifetime of issued keys, 1 s to 24 h
     * @param maxMembers most sessions (and unfinished exchanges) kept
     */
    public ClusterHead(
            String deviceId,
            DeviceKeys keys,
            ClusterDirectory directory,
            LongSupplier clock,
            long keyLifetimeMs,
            int maxMembers) {
        this.deviceId = deviceId;
        this.keys = keys;
        this.directory = directory;
        this.clock = clock;
        this.keyLifetimeMs = keyLifetimeMs;
        this.pending = lru(maxMembers);
        this.sessions = lru(maxMembers);
    }

    /**
     * Answers a member's hello.
     *
     * @param helloBytes the hello
     * @return the reply
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} (malformed, or addressed to another head),
     *     {@code CLUSTER_EXCHANGE_STALE}, {@code CLUSTER_EXCHANGE_REPLAYED} (not newer than the member's last
     *     accepted hello), and the membership codes of {@link ClusterDirectory#memberKey}
     */
    public synchronized byte[] hello(byte[] helloBytes) {
        AuthExchange.Hello hello = AuthExchange.Hello.parse(helloBytes);
        if (!deviceId.equals(hello.head())) {
            throw refused(ClusterError.CLUSTER_EXCHANGE_INVALID, "the hello is addressed to " + hello.head());
        }
        requireFresh(hello.time());
        Session session = sessions.get(hello.member());
        if (session != null && hello.time() <= session.lastHello()) {
            throw refused(ClusterError.CLUSTER_EXCHANGE_REPLAYED, "hello of " + hello.member() + " is not newer");
        }
        ECPublicKeyParameters memberKey = directory.memberKey(hello.member());
        AsymmetricCipherKeyPair y = ClusterCrypto.ephemeral();
        byte[] gy = ClusterCrypto.encodePoint((ECPublicKeyParameters) y.getPublic());
        byte[] signature = keys.sign(hello.with(gy).signedBytes(AuthExchange.HEAD_ROLE));
        pending.put(HEX.formatHex(hello.nonce()), new Pending(hello, y, gy, memberKey));
        return new AuthExchange.Reply(hello.nonce(), gy, signature).bytes();
    }

    /**
     * Checks a member's finish and opens its session.
     *
     * @param finishBytes the finish
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID}, {@code CLUSTER_EXCHANGE_REPLAYED} (no
     *     unfinished exchange of this nonce: finished already or never started), {@code CLUSTER_EXCHANGE_STALE} (the
     *     hello is older than 30 s), {@code CLUSTER_SIGNATURE_INVALID}
     */
    public synchronized void finish(byte[] finishBytes) {
        AuthExchange.Finish finish = AuthExchange.Finish.parse(finishBytes);
        Pending exchange = pending.remove(HEX.formatHex(finish.nonce()));
        if (exchange == null || !exchange.hello().member().equals(finish.member())) {
            throw refused(ClusterError.CLUSTER_EXCHANGE_REPLAYED, "no open exchange of " + finish.member());
        }
        requireFresh(exchange.hello().time());
        AuthExchange.Transcript transcript = exchange.hello().with(exchange.gy());
        transcript.verify(AuthExchange.MEMBER_ROLE, exchange.key(), finish.signature());
        byte[] shared = ClusterCrypto.agree(
                (ECPrivateKeyParameters) exchange.y().getPrivate(),
                ClusterCrypto.decodePoint(exchange.hello().gx()));
        sessions.put(
                finish.member(),
                new Session(transcript.kek(shared), exchange.hello().time(), 0));
    }

    /**
     * Issues a pairwise key on a member's authenticated request.
     *
     * @param requestBytes the sealed key request
     * @return the grant and its two deliveries
     * @throws ClusterRefusedException {@code CLUSTER_MEMBER_UNKNOWN} (requester or peer without a session), {@code
     *     CLUSTER_MESSAGE_INVALID} (tag), {@code CLUSTER_EXCHANGE_REPLAYED} (not newer than its last request), {@code
     *     CLUSTER_EXCHANGE_INVALID}, and the membership codes of {@link ClusterDirectory#recordGrant}
     */
    public Issued issue(byte[] requestBytes) {
        KeyRequest request;
        byte[] requesterKek;
        byte[] peerKek;
        synchronized (this) {
            request = KeyRequest.open(requestBytes, member -> session(member).kek());
            Session requester = session(request.member());
            if (request.time() <= requester.lastRequest()) {
                throw refused(ClusterError.CLUSTER_EXCHANGE_REPLAYED, "key request of " + request.member());
            }
            sessions.put(request.member(), new Session(requester.kek(), requester.lastHello(), request.time()));
            requesterKek = requester.kek();
            peerKek = session(request.peer()).kek();
        }
        long now = clock.getAsLong();
        KeyGrant grant = KeyGrant.of(
                ClusterCrypto.random(ClusterLimits.ID_BYTES),
                deviceId,
                request.member(),
                request.peer(),
                now,
                now + keyLifetimeMs);
        directory.recordGrant(grant);
        byte[] pairKey = grant.pairKey(ClusterCrypto.random(ClusterLimits.KEY_BYTES));
        boolean requesterFirst = grant.first().equals(request.member());
        byte[] firstKek = requesterFirst ? requesterKek : peerKek;
        byte[] secondKek = requesterFirst ? peerKek : requesterKek;
        Issued issued = new Issued(
                grant, grant.wrap(firstKek, grant.first(), pairKey), grant.wrap(secondKek, grant.second(), pairKey));
        java.util.Arrays.fill(pairKey, (byte) 0);
        return issued;
    }

    private Session session(String member) {
        Session session = sessions.get(member);
        if (session == null) {
            throw refused(ClusterError.CLUSTER_MEMBER_UNKNOWN, member + " has no session with head " + deviceId);
        }
        return session;
    }

    private void requireFresh(long time) {
        long now = clock.getAsLong();
        if (Math.abs(now - time) > ClusterLimits.FRESHNESS_MS) {
            throw refused(
                    ClusterError.CLUSTER_EXCHANGE_STALE,
                    "exchange time " + time + " is " + (now - time) + " ms from the head's clock");
        }
    }

    private static ClusterRefusedException refused(ClusterError error, String message) {
        return new ClusterRefusedException(error, message);
    }

    /**
     * Creates a map that keeps at most {@code max} entries, dropping the least recently used.
     *
     * @param max the bound
     * @param <V> the value type
     * @return the map, not thread-safe
     */
    static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
