package org.biotdm.protocol.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the readers of outside signature and key bytes: {@link EcdsaP256#decode} and {@link
 * EcdsaP256#publicKeyFromPem} answer null for anything they cannot read and never throw; {@link EcdsaP256#verify}
 * answers false for any signature bytes that are not a valid signature.
 */
class EcdsaP256FuzzTest {
    /** The first key of {@code protocol/vectors/keys.json}. */
    private static final String KEY_PEM =
            """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7
            Yfps5mliLmDyn7Z5A/4QCLi8maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==
            -----END PUBLIC KEY-----
            """;

    @FuzzTest
    void signature_bytes_decode_to_two_non_negative_integers_or_null(byte[] signature) {
        BigInteger[] rs = EcdsaP256.decode(signature);
        if (rs != null) {
            assertThat(rs).hasSize(2).allSatisfy(v -> assertThat(v.signum()).isNotNegative());
        }
        byte[] digest = EcdsaP256.sha256(signature);
        assertThat(EcdsaP256.verify(EcdsaP256.publicKeyFromPem(KEY_PEM), digest, signature))
                .isFalse();
    }

    @FuzzTest
    void public_key_pem_reads_as_a_p256_key_or_null(FuzzedDataProvider data) {
        String pem = data.consumeBoolean()
                ? data.consumeRemainingAsString()
                : "-----BEGIN PUBLIC KEY-----\n"
                        + java.util.Base64.getMimeEncoder().encodeToString(data.consumeRemainingAsBytes())
                        + "\n-----END PUBLIC KEY-----\n";
        var key = EcdsaP256.publicKeyFromPem(pem);
        if (key != null) {
            assertThat(key.getParameters()).isEqualTo(EcdsaP256.DOMAIN);
            assertThat(pem.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        }
    }
}
