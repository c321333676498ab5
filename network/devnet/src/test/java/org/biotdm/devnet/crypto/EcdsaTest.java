package org.biotdm.devnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EcdsaTest {
    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final KeyPair KEYS = Ecdsa.generateP256();
    private static final byte[] MESSAGE = "proposal bytes".getBytes(StandardCharsets.UTF_8);

    @Nested
    class Sign {
        @Test
        void signing_a_digest_equals_signing_the_message() {
            byte[] fromDigest = Ecdsa.signDigest(KEYS.getPrivate(), Hashes.sha256(MESSAGE));

            assertThat(fromDigest).isEqualTo(Ecdsa.sign(KEYS.getPrivate(), MESSAGE));
            assertThat(Ecdsa.verify(KEYS.getPublic(), MESSAGE, fromDigest)).isTrue();
            assertThat(Ecdsa.isLowS(fromDigest)).isTrue();
        }

        @Test
        void signature_verifies_with_the_matching_public_key() {
            byte[] signature = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);

            assertThat(Ecdsa.verify(KEYS.getPublic(), MESSAGE, signature)).isTrue();
        }

        @Test
        void signatures_are_always_low_s() {
            for (int i = 0; i < 500; i++) {
                byte[] signature = Ecdsa.sign(KEYS.getPrivate(), ("message " + i).getBytes(StandardCharsets.UTF_8));

                assertThat(s(signature)).isLessThanOrEqualTo(P256_ORDER.shiftRight(1));
                assertThat(Ecdsa.isLowS(signature)).isTrue();
            }
        }

        @Test
        void signature_verifies_with_the_jdk_sha256_with_ecdsa() throws Exception {
            byte[] signature = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);
            Signature jdk = Signature.getInstance("SHA256withECDSA");
            jdk.initVerify(KEYS.getPublic());
            jdk.update(MESSAGE);

            assertThat(jdk.verify(signature)).isTrue();
        }
    }

    @Nested
    class Verify {
        @Test
        void accepts_a_normalised_jdk_signature() throws Exception {
            byte[] signature = lowS(jdkSignature(MESSAGE));

            assertThat(Ecdsa.verify(KEYS.getPublic(), MESSAGE, signature)).isTrue();
        }

        @Test
        void rejects_the_high_s_twin_of_a_valid_signature_as_fabric_bccsp_does() {
            byte[] signature = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);
            byte[] highS = Ecdsa.encodeDer(P256_ORDER, r(signature), P256_ORDER.subtract(s(signature)));

            assertThat(Ecdsa.verify(KEYS.getPublic(), MESSAGE, highS)).isFalse();
        }

        @Test
        void rejects_a_tampered_message() {
            byte[] signature = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);
            byte[] tampered = MESSAGE.clone();
            tampered[0] ^= 1;

            assertThat(Ecdsa.verify(KEYS.getPublic(), tampered, signature)).isFalse();
        }

        @Test
        void rejects_another_key() {
            byte[] signature = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);

            assertThat(Ecdsa.verify(Ecdsa.generateP256().getPublic(), MESSAGE, signature))
                    .isFalse();
        }

        @Test
        void returns_false_for_garbage_and_malformed_signatures() {
            byte[] valid = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);
            byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
            byte[] truncated = Arrays.copyOf(valid, valid.length - 1);
            byte[] wrongTag = valid.clone();
            wrongTag[0] = 0x31;

            for (byte[] bad : new byte[][] {
                new byte[0],
                new byte[] {0x30},
                "garbage signature".getBytes(StandardCharsets.UTF_8),
                new byte[72],
                trailing,
                truncated,
                wrongTag,
                Ecdsa.encodeDer(P256_ORDER, BigInteger.ZERO, BigInteger.ONE)
            }) {
                assertThat(Ecdsa.verify(KEYS.getPublic(), MESSAGE, bad)).isFalse();
            }
            assertThat(Ecdsa.verify(KEYS.getPublic(), MESSAGE, null)).isFalse();
        }

        @Test
        void rejects_integers_with_needless_leading_zeros() {
            byte[] valid = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);
            byte[] padded = padR(valid);

            assertThat(Ecdsa.verify(KEYS.getPublic(), MESSAGE, padded)).isFalse();
        }

        @Test
        void returns_false_for_a_key_that_is_not_ec() throws Exception {
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            byte[] signature = Ecdsa.sign(KEYS.getPrivate(), MESSAGE);

            assertThat(Ecdsa.verify(rsa.generateKeyPair().getPublic(), MESSAGE, signature))
                    .isFalse();
        }
    }

    private static byte[] jdkSignature(byte[] message) throws Exception {
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initSign(KEYS.getPrivate());
        jdk.update(message);
        return jdk.sign();
    }

    private static byte[] lowS(byte[] der) {
        BigInteger s = s(der);
        return s.compareTo(P256_ORDER.shiftRight(1)) > 0
                ? Ecdsa.encodeDer(P256_ORDER, r(der), P256_ORDER.subtract(s))
                : der;
    }

    private static BigInteger r(byte[] der) {
        return Ecdsa.decodeDer(der)[0];
    }

    private static BigInteger s(byte[] der) {
        return Ecdsa.decodeDer(der)[1];
    }

    /** Re-encodes r with one more leading zero byte than minimal DER allows. */
    private static byte[] padR(byte[] der) {
        byte[] r = r(der).toByteArray();
        byte[] s = s(der).toByteArray();
        byte[] paddedR = new byte[r.length + 1];
        System.arraycopy(r, 0, paddedR, 1, r.length);
        byte[] out = new byte[2 + 2 + paddedR.length + 2 + s.length];
        out[0] = 0x30;
        out[1] = (byte) (out.length - 2);
        out[2] = 0x02;
        out[3] = (byte) paddedR.length;
        System.arraycopy(paddedR, 0, out, 4, paddedR.length);
        out[4 + paddedR.length] = 0x02;
        out[5 + paddedR.length] = (byte) s.length;
        System.arraycopy(s, 0, out, 6 + paddedR.length, s.length);
        return out;
    }
}
