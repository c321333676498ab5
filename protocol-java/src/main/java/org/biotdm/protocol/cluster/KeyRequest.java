package org.biotdm.protocol.cluster;

import java.util.Arrays;
import java.util.function.Function;
import org.biotdm.protocol.signature.EcdsaP256;

/**
 * A member's request for a pairwise key with a peer, authenticated with an AES-256-GCM tag over the request under the
 * member's session key-encryption key (empty plaintext). The head accepts one request per member and millisecond,
 * each newer than the last.
 *
 * @param member the requesting member
 * @param peer the member it wants to talk to
 * @param time the member's clock, epoch milliseconds
 */
public record KeyRequest(String member, String peer, long time) {
    /** The request's label. */
    public static final String LABEL = "biotdm-cluster-keyreq-v1";

    /**
     * Encodes and authenticates the request.
     *
     * @param kek the member's session key-encryption key
     * @return {@code P ‖ tag}, {@code P = LABEL ‖ 00 ‖ id(member) ‖ id(peer) ‖ u64 time}, the tag 16 bytes
     */
    public byte[] seal(byte[] kek) {
        byte[] p = bytes();
        return WireBytes.starting(p)
                .raw(ClusterCrypto.seal(kek, nonce(p), p, new byte[0]))
                .bytes();
    }

    /**
     * Reads a request and checks its tag.
     *
     * @param sealed {@code P ‖ tag}
     * @param kekOf the session key-encryption key of a member; it refuses an unknown member itself
     * @return the request
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when malformed, {@code CLUSTER_MESSAGE_INVALID}
     *     when the tag does not verify, or what {@code kekOf} throws
     */
    public static KeyRequest open(byte[] sealed, Function<String, byte[]> kekOf) {
        WireBytes.Reader in = new WireBytes.Reader(sealed, LABEL);
        KeyRequest request = new KeyRequest(in.id(), in.id(), in.u64());
        byte[] tag = in.raw(ClusterLimits.TAG_BYTES);
        in.end();
        if (request.member().equals(request.peer())) {
            throw ClusterCrypto.invalid("a member asks for a key with another member, not itself");
        }
        byte[] p = request.bytes();
        ClusterCrypto.open(kekOf.apply(request.member()), nonce(p), p, tag);
        return request;
    }

    private byte[] bytes() {
        return WireBytes.label(LABEL).id(member).id(peer).u64(time).bytes();
    }

    private static byte[] nonce(byte[] p) {
        return Arrays.copyOf(EcdsaP256.sha256(p), 12);
    }
}
