package org.biotdm.device.sdk;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongSupplier;
import org.biotdm.protocol.cluster.AuthExchange;
import org.biotdm.protocol.cluster.ClusterCrypto;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterLimits;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import org.biotdm.protocol.cluster.KeyRequest;
import org.biotdm.protocol.cluster.PairChannel;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The member role of {@code protocol/cluster-keys-v1.md}: authenticates to its cluster head, asks for pairwise keys,
 * accepts the head's deliveries and exchanges AES-GCM messages with its peers. It keeps at most {@value #MAX_CHANNELS}
 * channels (the least recently used dropped first) and uses the newest channel with a peer to send. Thread-safe.
 */
public final class ClusterMember {
    /** Most pairwise channels kept. */
    public static final int MAX_CHANNELS = 256;

    private static final HexFormat HEX = HexFormat.of();

    private final String deviceId;
    private final String headId;
    private final DeviceKeys keys;
    private final LongSupplier clock;
    private final Map<String, PairChannel> channels = ClusterHead.lru(MAX_CHANNELS);
    private final Map<String, PairChannel> newestByPeer = ClusterHead.lru(MAX_CHANNELS);
    private AuthExchange.Hello hello;
    private AsymmetricCipherKeyPair x;
    private byte[] kek;
    private long lastTime;

    /**
     * Creates the role.
     *
     * @param deviceId the member's device ID
     * @param headId its cluster head's device ID
     * @param keys the member's registered device key
     * @param clock epoch milliseconds
     */
    public ClusterMember(String deviceId, String headId, DeviceKeys keys, LongSupplier clock) {
        this.deviceId = deviceId;
        this.headId = headId;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Returns the member's device ID.
     *
     * @return the ID
     */
    public String deviceId() {
        return deviceId;
    }

    /**
     * Starts an exchange with the head.
     *
     * @return the hello
     */
    public synchronized byte[] hello() {
        x = ClusterCrypto.ephemeral();
        hello = new AuthExchange.Hello(
                deviceId,
                headId,
                nextTime(),
                ClusterCrypto.random(ClusterLimits.ID_BYTES),
                ClusterCrypto.encodePoint((ECPublicKeyParameters) x.getPublic()));
        return hello.bytes();
    }

    /**
     * Checks the head's reply and answers it; the session's key-encryption key is then set.
     *
     * @param replyBytes the head's reply
     * @param headKey the head's registered key
     * @return the finish
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} (malformed, or for another hello), {@code
     *     CLUSTER_SIGNATURE_INVALID}
     */
    public synchronized byte[] finish(byte[] replyBytes, ECPublicKeyParameters headKey) {
        AuthExchange.Reply reply = AuthExchange.Reply.parse(replyBytes);
        if (hello == null || !Arrays.equals(reply.nonce(), hello.nonce())) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_EXCHANGE_INVALID, "the reply is for no open hello");
        }
        AuthExchange.Transcript transcript = hello.with(reply.gy());
        transcript.verify(AuthExchange.HEAD_ROLE, headKey, reply.signature());
        kek = transcript.kek(
                ClusterCrypto.agree((ECPrivateKeyParameters) x.getPrivate(), ClusterCrypto.decodePoint(reply.gy())));
        byte[] finish = new AuthExchange.Finish(
                        deviceId, hello.nonce(), keys.sign(transcript.signedBytes(AuthExchange.MEMBER_ROLE)))
                .bytes();
        hello = null;
        x = null;
        return finish;
    }

    /**
     * Asks for a pairwise key with a peer.
     *
     * @param peer the peer's device ID
     * @return the sealed key request
     * @throws IllegalStateException before the exchange finished
     */
    public synchronized byte[] requestKey(String peer) {
        return new KeyRequest(deviceId, peer, nextTime()).seal(requireKek());
    }

    /**
     * Accepts a delivery from the head.
     *
     * @param delivery {@code G ‖ W}
     * @return the grant
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} (malformed, from another head, not for this
     *     member), {@code CLUSTER_MESSAGE_INVALID} (tag), {@code CLUSTER_KEY_EXPIRED}
     */
    public synchronized KeyGrant accept(byte[] delivery) {
        KeyGrant.Unwrapped unwrapped = KeyGrant.unwrap(requireKek(), deviceId, delivery);
        KeyGrant grant = unwrapped.grant();
        if (!headId.equals(grant.head())) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_EXCHANGE_INVALID, "grant of head " + grant.head());
        }
        if (clock.getAsLong() >= grant.expiresAt()) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_KEY_EXPIRED, "the granted key already expired");
        }
        PairChannel channel = new PairChannel(grant, unwrapped.pairKey(), deviceId);
        channels.put(grant.keyIdHex(), channel);
        newestByPeer.put(grant.peerOf(deviceId), channel);
        return grant;
    }

    /**
     * Encrypts a message to a peer under the newest key with it.
     *
     * @param peer the peer
     * @param plaintext at most 1024 bytes
     * @return the message
     * @throws ClusterRefusedException {@code CLUSTER_KEY_UNKNOWN} (no key with the peer), {@code CLUSTER_KEY_EXPIRED}
     */
    public synchronized byte[] send(String peer, byte[] plaintext) {
        PairChannel channel = newestByPeer.get(peer);
        if (channel == null) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_KEY_UNKNOWN, "no key with " + peer);
        }
        return channel.seal(plaintext, clock.getAsLong());
    }

    /**
     * Decrypts a message from a peer.
     *
     * @param message the message
     * @return the plaintext
     * @throws ClusterRefusedException the refusals of {@link PairChannel#open}, {@code CLUSTER_KEY_UNKNOWN} when no
     *     channel holds its key ID
     */
    public synchronized byte[] receive(byte[] message) {
        String keyId = HEX.formatHex(PairChannel.keyIdOf(message));
        PairChannel channel = channels.get(keyId);
        if (channel == null) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_KEY_UNKNOWN, "no key " + keyId);
        }
        return channel.open(message, clock.getAsLong());
    }

    private byte[] requireKek() {
        if (kek == null) {
            throw new IllegalStateException(deviceId + " has not finished an exchange with " + headId);
        }
        return kek;
    }

    private long nextTime() {
        lastTime = Math.max(clock.getAsLong(), lastTime + 1);
        return lastTime;
    }
}
