package org.biotdm.protocol.cluster;

import static org.biotdm.protocol.cluster.ClusterLimits.ID_BYTES;
import static org.biotdm.protocol.cluster.ClusterLimits.POINT_BYTES;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The three messages by which a member authenticates to its cluster head, after EDHOC's signature-based method 0
 * (RFC 9528 §5): the member's hello carries its ephemeral share {@code G_X}; the head's reply carries {@code G_Y} and
 * its signature over the transcript; the member's finish carries its own signature. Each side signs both identities
 * and both shares with its registered device key (ECDSA P-256, SHA-256), so neither share can be replaced, and both
 * derive the same key-encryption key from the ECDH secret. Byte layouts: {@code protocol/cluster-keys-v1.md}.
 */
public final class AuthExchange {
    /** Label of the signed transcript. */
    public static final String AUTH_LABEL = "biotdm-cluster-auth-v1";

    /** The role byte of the head's signature (EDHOC's message 2). */
    public static final byte HEAD_ROLE = 0x02;

    /** The role byte of the member's signature (EDHOC's message 3). */
    public static final byte MEMBER_ROLE = 0x03;

    private static final String KEK_INFO = "biotdm-cluster-kek-v1";

    private AuthExchange() {}

    /**
     * The member's first message.
     *
     * @param member the member's device ID
     * @param head the cluster head's device ID
     * @param time the member's clock, epoch milliseconds
     * @param nonce 16 random bytes naming the exchange
     * @param gx the member's ephemeral share, 65 bytes uncompressed
     */
    public record Hello(String member, String head, long time, byte[] nonce, byte[] gx) {
        /** The hello's label. */
        public static final String LABEL = "biotdm-cluster-hello-v1";

        /**
         * Encodes the hello.
         *
         * @return {@code LABEL ‖ 00 ‖ id(member) ‖ id(head) ‖ u64 time ‖ nonce ‖ G_X}
         * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} for a bad ID or field length
         */
        public byte[] bytes() {
            return WireBytes.label(LABEL)
                    .id(member)
                    .id(head)
                    .u64(time)
                    .raw(nonce, ID_BYTES, "nonce")
                    .raw(gx, POINT_BYTES, "G_X")
                    .bytes();
        }

        /**
         * Reads a hello.
         *
         * @param bytes the encoding
         * @return the hello; its share is checked to be a point of P-256
         * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when malformed
         */
        public static Hello parse(byte[] bytes) {
            WireBytes.Reader in = new WireBytes.Reader(bytes, LABEL);
            Hello hello = new Hello(in.id(), in.id(), in.u64(), in.raw(ID_BYTES), in.raw(POINT_BYTES));
            in.end();
            ClusterCrypto.decodePoint(hello.gx());
            return hello;
        }

        /**
         * Completes the transcript with the head's share.
         *
         * @param gy the head's ephemeral share
         * @return the transcript both sides sign
         */
        public Transcript with(byte[] gy) {
            return new Transcript(this, gy);
        }
    }

    /**
     * The head's answer.
     *
     * @param nonce the hello's nonce
     * @param gy the head's ephemeral share, 65 bytes
     * @param signature the head's raw 64-byte signature over the transcript with {@link #HEAD_ROLE}
     */
    public record Reply(byte[] nonce, byte[] gy, byte[] signature) {
        /** The reply's label. */
        public static final String LABEL = "biotdm-cluster-reply-v1";

        /**
         * Encodes the reply.
         *
         * @return {@code LABEL ‖ 00 ‖ nonce ‖ G_Y ‖ signature}
         */
        public byte[] bytes() {
            return WireBytes.label(LABEL)
                    .raw(nonce, ID_BYTES, "nonce")
                    .raw(gy, POINT_BYTES, "G_Y")
                    .raw(signature, EcdsaP256.RAW_LENGTH, "signature")
                    .bytes();
        }

        /**
         * Reads a reply.
         *
         * @param bytes the encoding
         * @return the reply
         * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when malformed
         */
        public static Reply parse(byte[] bytes) {
            WireBytes.Reader in = new WireBytes.Reader(bytes, LABEL);
            Reply reply = new Reply(in.raw(ID_BYTES), in.raw(POINT_BYTES), in.raw(EcdsaP256.RAW_LENGTH));
            in.end();
            ClusterCrypto.decodePoint(reply.gy());
            return reply;
        }
    }

    /**
     * The member's last message.
     *
     * @param member the member's device ID
     * @param nonce the hello's nonce
     * @param signature the member's raw 64-byte signature over the transcript with {@link #MEMBER_ROLE}
     */
    public record Finish(String member, byte[] nonce, byte[] signature) {
        /** The finish's label. */
        public static final String LABEL = "biotdm-cluster-finish-v1";

        /**
         * Encodes the finish.
         *
         * @return {@code LABEL ‖ 00 ‖ id(member) ‖ nonce ‖ signature}
         */
        public byte[] bytes() {
            return WireBytes.label(LABEL)
                    .id(member)
                    .raw(nonce, ID_BYTES, "nonce")
                    .raw(signature, EcdsaP256.RAW_LENGTH, "signature")
                    .bytes();
        }

        /**
         * Reads a finish.
         *
         * @param bytes the encoding
         * @return the finish
         * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when malformed
         */
        public static Finish parse(byte[] bytes) {
            WireBytes.Reader in = new WireBytes.Reader(bytes, LABEL);
            Finish finish = new Finish(in.id(), in.raw(ID_BYTES), in.raw(EcdsaP256.RAW_LENGTH));
            in.end();
            return finish;
        }
    }

    /**
     * The transcript of one exchange: both identities, the member's time and nonce, both shares.
     *
     * @param hello the member's hello
     * @param gy the head's share
     */
    public record Transcript(Hello hello, byte[] gy) {
        /**
         * Encodes {@code T}.
         *
         * @return {@code "biotdm-cluster-auth-v1" ‖ 00 ‖ id(member) ‖ id(head) ‖ u64 time ‖ nonce ‖ G_X ‖ G_Y}
         */
        public byte[] bytes() {
            return WireBytes.label(AUTH_LABEL)
                    .id(hello.member())
                    .id(hello.head())
                    .u64(hello.time())
                    .raw(hello.nonce(), ID_BYTES, "nonce")
                    .raw(hello.gx(), POINT_BYTES, "G_X")
                    .raw(gy, POINT_BYTES, "G_Y")
                    .bytes();
        }

        /**
         * Encodes what one side signs: the transcript followed by the signer's role, so that a head's signature can
         * never stand in for a member's.
         *
         * @param role {@link #HEAD_ROLE} or {@link #MEMBER_ROLE}
         * @return {@code T ‖ role}
         */
        public byte[] signedBytes(byte role) {
            byte[] t = bytes();
            byte[] signed = Arrays.copyOf(t, t.length + 1);
            signed[t.length] = role;
            return signed;
        }

        /**
         * Signs the transcript with a registered device key (RFC 6979 nonces).
         *
         * @param role the signer's role
         * @param key the signer's device key
         * @return the raw 64-byte signature
         */
        public byte[] sign(byte role, ECPrivateKeyParameters key) {
            return EcdsaP256.sign(key, signedBytes(role));
        }

        /**
         * Verifies the other side's signature with its registered device key.
         *
         * @param role the signer's role
         * @param key the signer's registered public key
         * @param signature raw {@code r‖s} or DER
         * @throws ClusterRefusedException {@code CLUSTER_SIGNATURE_INVALID} when it does not verify
         */
        public void verify(byte role, ECPublicKeyParameters key, byte[] signature) {
            if (!EcdsaP256.verify(key, EcdsaP256.sha256(signedBytes(role)), signature)) {
                String signer = role == HEAD_ROLE ? "cluster head " + hello.head() : "member " + hello.member();
                throw new ClusterRefusedException(
                        ClusterError.CLUSTER_SIGNATURE_INVALID,
                        "the transcript signature does not verify with the registered key of " + signer);
            }
        }

        /**
         * Derives the key-encryption key of the session: HKDF-SHA256 with the ECDH secret as input keying material,
         * SHA-256 of {@code T} as salt and {@code "biotdm-cluster-kek-v1"} as info.
         *
         * @param sharedSecret the ECDH x-coordinate, 32 bytes
         * @return the 32-byte AES-256 key that wraps this member's pairwise keys
         */
        public byte[] kek(byte[] sharedSecret) {
            return ClusterCrypto.hkdf(
                    sharedSecret, EcdsaP256.sha256(bytes()), KEK_INFO.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
