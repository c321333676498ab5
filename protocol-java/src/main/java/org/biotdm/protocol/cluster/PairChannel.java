package org.biotdm.protocol.cluster;

import static org.biotdm.protocol.cluster.ClusterLimits.ID_BYTES;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One member's end of a pairwise channel: AES-256-GCM messages under the pair's key, each with a counter that is both
 * its sequence number and its nonce, received through a {@link ReplayWindow}. Layout: {@code H ‖ ciphertext ‖ tag},
 * {@code H = "biotdm-cluster-msg-v1" ‖ 00 ‖ keyId ‖ direction ‖ u64 counter}, nonce {@code direction ‖ 00 00 00 ‖ u64
 * counter}, AAD {@code H}. Direction 1 is sent by the pair's first member, 2 by the second. Thread-safe.
 */
public final class PairChannel {
    /** The message label. */
    public static final String LABEL = "biotdm-cluster-msg-v1";

    private static final int HEADER_BYTES = LABEL.length() + 1 + ID_BYTES + 1 + Long.BYTES;
    private static final HexFormat HEX = HexFormat.of();

    private final KeyGrant grant;
    private final byte[] key;
    private final byte sendDirection;
    private final ReplayWindow window = new ReplayWindow();
    private long sent;

    /**
     * Opens the channel of one member.
     *
     * @param grant the grant, as unwrapped
     * @param pairKey the 32-byte pairwise key
     * @param self this member, one of the grant's pair
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when {@code self} is not one of the pair
     */
    public PairChannel(KeyGrant grant, byte[] pairKey, String self) {
        grant.peerOf(self);
        this.grant = grant;
        this.key = pairKey.clone();
        this.sendDirection = (byte) (grant.first().equals(self) ? 1 : 2);
    }

    /**
     * Returns the grant this channel runs under.
     *
     * @return the grant
     */
    public KeyGrant grant() {
        return grant;
    }

    /**
     * Encrypts the next message.
     *
     * @param plaintext at most {@value ClusterLimits#MAX_PLAINTEXT} bytes
     * @param now the sender's clock, epoch milliseconds
     * @return the message bytes
     * @throws ClusterRefusedException {@code CLUSTER_KEY_EXPIRED} when the key expired or its counters are used up,
     *     {@code CLUSTER_MESSAGE_INVALID} when the plaintext is too long
     */
    public synchronized byte[] seal(byte[] plaintext, long now) {
        requireLive(now);
        if (plaintext.length > ClusterLimits.MAX_PLAINTEXT) {
            throw messageInvalid("a message carries at most " + ClusterLimits.MAX_PLAINTEXT + " bytes");
        }
        if (sent >= ClusterLimits.MAX_COUNTER) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_KEY_EXPIRED, "the key's counters are used up");
        }
        sent++;
        byte[] header = header(sendDirection, sent);
        return WireBytes.starting(header)
                .raw(ClusterCrypto.seal(key, nonce(sendDirection, sent), header, plaintext))
                .bytes();
    }

    /**
     * Decrypts a message from the peer.
     *
     * @param message the message bytes
     * @param now the receiver's clock, epoch milliseconds
     * @return the plaintext
     * @throws ClusterRefusedException in this order: {@code CLUSTER_MESSAGE_INVALID} (malformed, or not the peer's
     *     direction), {@code CLUSTER_KEY_UNKNOWN} (another key ID), {@code CLUSTER_KEY_EXPIRED}, {@code
     *     CLUSTER_NONCE_REUSED} (counter already received or below the window), {@code CLUSTER_MESSAGE_INVALID} (tag)
     */
    public synchronized byte[] open(byte[] message, long now) {
        if (message.length < HEADER_BYTES + ClusterLimits.TAG_BYTES
                || !Arrays.equals(message, 0, LABEL.length() + 1, header((byte) 0, 0), 0, LABEL.length() + 1)) {
            throw messageInvalid("not a " + LABEL + " message");
        }
        if (!Arrays.equals(keyIdOf(message), grant.keyId())) {
            throw new ClusterRefusedException(
                    ClusterError.CLUSTER_KEY_UNKNOWN, "no key " + HEX.formatHex(keyIdOf(message)) + " on this channel");
        }
        requireLive(now);
        ByteBuffer fields = ByteBuffer.wrap(message, HEADER_BYTES - 1 - Long.BYTES, 1 + Long.BYTES);
        byte direction = fields.get();
        long counter = fields.getLong();
        if (direction != 3 - sendDirection || counter < 1 || counter > ClusterLimits.MAX_COUNTER) {
            throw messageInvalid("direction " + direction + " or counter " + counter + " is not the peer's");
        }
        window.check(counter);
        byte[] header = Arrays.copyOf(message, HEADER_BYTES);
        byte[] plaintext = ClusterCrypto.open(
                key, nonce(direction, counter), header, Arrays.copyOfRange(message, HEADER_BYTES, message.length));
        window.accept(counter);
        return plaintext;
    }

    /**
     * Reads the key ID of a message, for a member choosing among its channels.
     *
     * @param message the message bytes, at least as long as the header
     * @return the 16-byte key ID
     * @throws ClusterRefusedException {@code CLUSTER_MESSAGE_INVALID} when the message is shorter than its header
     */
    public static byte[] keyIdOf(byte[] message) {
        if (message.length < HEADER_BYTES) {
            throw messageInvalid("shorter than a message header");
        }
        return Arrays.copyOfRange(message, LABEL.length() + 1, LABEL.length() + 1 + ID_BYTES);
    }

    private void requireLive(long now) {
        if (now >= grant.expiresAt()) {
            throw new ClusterRefusedException(
                    ClusterError.CLUSTER_KEY_EXPIRED, "key " + grant.keyIdHex() + " expired at " + grant.expiresAt());
        }
    }

    private byte[] header(byte direction, long counter) {
        return WireBytes.label(LABEL)
                .raw(grant.keyId(), ID_BYTES, "keyId")
                .u8(direction)
                .u64(counter)
                .bytes();
    }

    private static byte[] nonce(byte direction, long counter) {
        return ByteBuffer.allocate(12)
                .put(direction)
                .put(new byte[3])
                .putLong(counter)
                .array();
    }

    private static ClusterRefusedException messageInvalid(String message) {
        return new ClusterRefusedException(ClusterError.CLUSTER_MESSAGE_INVALID, message);
    }
}
