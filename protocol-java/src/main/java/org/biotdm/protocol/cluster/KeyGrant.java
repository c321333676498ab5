package org.biotdm.protocol.cluster;

import static org.biotdm.protocol.cluster.ClusterLimits.ID_BYTES;
import static org.biotdm.protocol.cluster.ClusterLimits.KEY_BYTES;
import static org.biotdm.protocol.cluster.ClusterLimits.TAG_BYTES;

import java.util.Arrays;
import java.util.HexFormat;
import org.biotdm.protocol.signature.EcdsaP256;

/**
 * A key grant: the cluster head's statement that two members share the pairwise key {@code keyId} until {@code
 * expiresAt}. Its encoding {@code G} holds no key material; SHA-256 of {@code G} is what the gateway anchors on the
 * ledger. The pairwise key is HKDF-SHA256 (RFC 5869) of a one-time random seed with the key ID as salt and {@code G} as
 * info, and reaches each member wrapped with AES-256-GCM under that member's session key-encryption key.
 *
 * @param keyId 16 random bytes naming the key
 * @param head the cluster head's device ID
 * @param first the member whose ID sorts first (unsigned bytes)
 * @param second the other member
 * @param issuedAt the head's clock at issue, epoch milliseconds
 * @param expiresAt the end of the key's life, epoch milliseconds, exclusive
 */
public record KeyGrant(byte[] keyId, String head, String first, String second, long issuedAt, long expiresAt) {
    /** The grant's label. */
    public static final String LABEL = "biotdm-cluster-grant-v1";

    /** Length of a wrapped key: the 32-byte key and its 16-byte tag. */
    public static final int WRAPPED_BYTES = KEY_BYTES + TAG_BYTES;

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Checks the fields.
     *
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when the key ID is not 16 bytes, an ID is
     *     invalid, the members are not in order or are the same device, or the lifetime is outside 1 s … 24 h
     */
    public KeyGrant {
        if (keyId == null || keyId.length != ID_BYTES) {
            throw ClusterCrypto.invalid("a key ID must be " + ID_BYTES + " bytes");
        }
        if (first == null || second == null || first.compareTo(second) >= 0) {
            throw ClusterCrypto.invalid("a pair is two different members, the first sorting before the second");
        }
        long lifetime = expiresAt - issuedAt;
        if (lifetime < ClusterLimits.MIN_KEY_LIFETIME_MS || lifetime > ClusterLimits.MAX_KEY_LIFETIME_MS) {
            throw ClusterCrypto.invalid("a key lives from 1 s to 24 h, not " + lifetime + " ms");
        }
        keyId = keyId.clone();
    }

    /**
     * Creates a grant for two members in either order.
     *
     * @param keyId 16 bytes
     * @param head the head's device ID
     * @param a one member
     * @param b the other member
     * @param issuedAt issue time, epoch milliseconds
     * @param expiresAt expiry, epoch milliseconds
     * @return the grant with the pair in order
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} as the canonical constructor
     */
    public static KeyGrant of(byte[] keyId, String head, String a, String b, long issuedAt, long expiresAt) {
        boolean ordered = a != null && b != null && a.compareTo(b) < 0;
        return new KeyGrant(keyId, head, ordered ? a : b, ordered ? b : a, issuedAt, expiresAt);
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    /**
     * Encodes {@code G}.
     *
     * @return {@code LABEL ‖ 00 ‖ keyId ‖ id(head) ‖ id(first) ‖ id(second) ‖ u64 issuedAt ‖ u64 expiresAt}
     */
    public byte[] bytes() {
        return WireBytes.label(LABEL)
                .raw(keyId, ID_BYTES, "keyId")
                .id(head)
                .id(first)
                .id(second)
                .u64(issuedAt)
                .u64(expiresAt)
                .bytes();
    }

    /**
     * Returns the grant hash anchored on the ledger.
     *
     * @return SHA-256 of {@code G}, 64 lower-case hex digits
     */
    public String sha256Hex() {
        return HEX.formatHex(EcdsaP256.sha256(bytes()));
    }

    /**
     * Returns the key ID in hex.
     *
     * @return 32 lower-case hex digits
     */
    public String keyIdHex() {
        return HEX.formatHex(keyId);
    }

    /**
     * Derives the pairwise key.
     *
     * @param seed 32 bytes from the head's strong random source, used for this grant only
     * @return HKDF-SHA256(IKM = seed, salt = keyId, info = G), 32 bytes
     */
    public byte[] pairKey(byte[] seed) {
        return ClusterCrypto.hkdf(seed, keyId, bytes());
    }

    /**
     * Wraps the pairwise key for one member.
     *
     * @param kek the member's session key-encryption key
     * @param member the member, {@link #first()} or {@link #second()}
     * @param pairKey the 32-byte pairwise key
     * @return the delivery {@code G ‖ W}, W being 48 bytes of AES-256-GCM ciphertext and tag
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when the member is not one of the pair
     */
    public byte[] wrap(byte[] kek, String member, byte[] pairKey) {
        byte[] aad = wrapAad(member);
        byte[] sealed = ClusterCrypto.seal(kek, nonce(aad), aad, pairKey);
        return WireBytes.starting(bytes()).raw(sealed).bytes();
    }

    /**
     * Reads a delivery and unwraps its key.
     *
     * @param kek the member's session key-encryption key
     * @param member the receiving member
     * @param delivery {@code G ‖ W}
     * @return the grant and the pairwise key
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when malformed or not for this member, {@code
     *     CLUSTER_MESSAGE_INVALID} when the tag does not verify
     */
    public static Unwrapped unwrap(byte[] kek, String member, byte[] delivery) {
        WireBytes.Reader in = new WireBytes.Reader(delivery, LABEL);
        KeyGrant grant = new KeyGrant(in.raw(ID_BYTES), in.id(), in.id(), in.id(), in.u64(), in.u64());
        byte[] wrapped = in.raw(WRAPPED_BYTES);
        in.end();
        byte[] aad = grant.wrapAad(member);
        return new Unwrapped(grant, ClusterCrypto.open(kek, nonce(aad), aad, wrapped));
    }

    /**
     * Names the other member of the pair.
     *
     * @param member one member
     * @return the other
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when the member is not one of the pair
     */
    public String peerOf(String member) {
        if (first.equals(member)) {
            return second;
        }
        if (second.equals(member)) {
            return first;
        }
        throw ClusterCrypto.invalid("device " + member + " is not a member of this grant's pair");
    }

    private byte[] wrapAad(String member) {
        peerOf(member);
        return WireBytes.starting(bytes()).id(member).bytes();
    }

    private static byte[] nonce(byte[] aad) {
        return Arrays.copyOf(EcdsaP256.sha256(aad), 12);
    }

    /**
     * A grant as a member unwrapped it.
     *
     * @param grant the grant
     * @param pairKey the 32-byte pairwise key
     */
    public record Unwrapped(KeyGrant grant, byte[] pairKey) {}
}
