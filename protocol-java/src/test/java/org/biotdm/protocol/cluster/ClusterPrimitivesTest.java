package org.biotdm.protocol.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Checks the primitives against their standards' own test vectors, independently of this project's vectors. */
class ClusterPrimitivesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hkdf_gives_the_first_32_bytes_of_rfc_5869_test_case_1() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);

        byte[] okm = ClusterCrypto.hkdf(
                ikm, HEX.parseHex("000102030405060708090a0b0c"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"));

        assertThat(HEX.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
    }

    @Test
    void aes_256_gcm_gives_test_case_14_of_the_gcm_specification() {
        byte[] sealed = ClusterCrypto.seal(new byte[32], new byte[12], new byte[0], new byte[16]);

        assertThat(HEX.formatHex(sealed))
                .isEqualTo("cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919");
        assertThat(ClusterCrypto.open(new byte[32], new byte[12], new byte[0], sealed))
                .isEqualTo(new byte[16]);
    }

    @Test
    void refuses_a_share_that_is_the_point_at_infinity_or_compressed() {
        byte[] compressed = Arrays.copyOf(
                ClusterCrypto.encodePoint((org.bouncycastle.crypto.params.ECPublicKeyParameters)
                        ClusterCrypto.ephemeral().getPublic()),
                33);
        compressed[0] = 0x02;

        assertThatThrownBy(() -> ClusterCrypto.decodePoint(compressed))
                .hasMessageStartingWith("[CLUSTER_EXCHANGE_INVALID]");
        assertThatThrownBy(() -> ClusterCrypto.decodePoint(new byte[65]))
                .hasMessageStartingWith("[CLUSTER_EXCHANGE_INVALID]");
    }

    @Test
    void refuses_a_grant_whose_lifetime_exceeds_a_day_or_whose_pair_is_one_device() {
        byte[] keyId = new byte[16];

        assertThatThrownBy(() -> KeyGrant.of(keyId, "d-head", "d-a", "d-b", 0, ClusterLimits.MAX_KEY_LIFETIME_MS + 1))
                .hasMessageStartingWith("[CLUSTER_EXCHANGE_INVALID]");
        assertThatThrownBy(() -> KeyGrant.of(keyId, "d-head", "d-a", "d-a", 0, 60_000))
                .hasMessageStartingWith("[CLUSTER_EXCHANGE_INVALID]");
    }

    @Test
    void refuses_to_send_after_expiry_and_a_plaintext_over_the_limit() {
        KeyGrant.Unwrapped unwrapped = ClusterVectorsTest.unwrappedGrant();
        PairChannel channel = new PairChannel(
                unwrapped.grant(), unwrapped.pairKey(), unwrapped.grant().first());

        assertThatThrownBy(() -> channel.seal(new byte[1], unwrapped.grant().expiresAt()))
                .isInstanceOfSatisfying(ClusterRefusedException.class, e -> assertThat(e.error())
                        .isEqualTo(ClusterError.CLUSTER_KEY_EXPIRED));
        assertThatThrownBy(() -> channel.seal(
                        new byte[ClusterLimits.MAX_PLAINTEXT + 1],
                        unwrapped.grant().issuedAt()))
                .isInstanceOfSatisfying(ClusterRefusedException.class, e -> assertThat(e.error())
                        .isEqualTo(ClusterError.CLUSTER_MESSAGE_INVALID));
    }
}
