package org.biotdm.protocol.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.biotdm.protocol.vectors.VectorFiles;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;

class EcdsaP256Test {
    private static final BigInteger N = EcdsaP256.DOMAIN.getN();
    private static final ECPrivateKeyParameters PRIVATE =
            EcdsaP256.privateKeyFromPem(VectorFiles.keyPem("device-1", "pkcs8_pem"));
    private static final ECPublicKeyParameters PUBLIC =
            EcdsaP256.publicKeyFromPem(VectorFiles.keyPem("device-1", "spki_pem"));

    private final byte[] message = "biotdm-telemetry-v1\n".getBytes(StandardCharsets.UTF_8);
    private final byte[] digest = EcdsaP256.sha256(message);
    private final byte[] raw = EcdsaP256.sign(PRIVATE, message);
    private final BigInteger[] rs = EcdsaP256.decode(raw);

    @Test
    void accepts_raw_and_der_encodings_of_the_same_signature() {
        assertThat(EcdsaP256.verify(PUBLIC, digest, raw)).isTrue();
        assertThat(EcdsaP256.verify(PUBLIC, digest, EcdsaP256.encodeDer(rs[0], rs[1])))
                .isTrue();
        assertThat(EcdsaP256.decode(EcdsaP256.encodeDer(rs[0], rs[1]))).containsExactly(rs);
    }

    @Test
    void signs_deterministically_as_rfc_6979_asks() {
        assertThat(EcdsaP256.sign(PRIVATE, message)).isEqualTo(raw);
    }

    @Test
    void accepts_the_high_s_twin_as_constrained_devices_do_not_normalise() {
        BigInteger highS = N.subtract(rs[1]);

        assertThat(EcdsaP256.verify(PUBLIC, digest, EcdsaP256.encodeDer(rs[0], highS)))
                .isTrue();
    }

    @Test
    void refuses_a_signature_over_other_bytes() {
        byte[] other = EcdsaP256.sha256("biotdm-telemetry-v2\n".getBytes(StandardCharsets.UTF_8));

        assertThat(EcdsaP256.verify(PUBLIC, other, raw)).isFalse();
    }

    @Test
    void refuses_malformed_der_without_throwing() {
        byte[] der = EcdsaP256.encodeDer(rs[0], rs[1]);
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        byte[] truncated = Arrays.copyOf(der, der.length - 1);
        byte[] wrongTag = der.clone();
        wrongTag[0] = 0x31;

        assertThat(EcdsaP256.verify(PUBLIC, digest, trailing)).isFalse();
        assertThat(EcdsaP256.verify(PUBLIC, digest, truncated)).isFalse();
        assertThat(EcdsaP256.verify(PUBLIC, digest, wrongTag)).isFalse();
        assertThat(EcdsaP256.verify(PUBLIC, digest, new byte[0])).isFalse();
        assertThat(EcdsaP256.verify(PUBLIC, digest, new byte[63])).isFalse();
        assertThat(EcdsaP256.verify(PUBLIC, digest, null)).isFalse();
    }

    @Test
    void refuses_der_whose_integer_is_not_minimal() {
        byte[] der = EcdsaP256.encodeDer(BigInteger.ONE, BigInteger.ONE);
        byte[] padded = {0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01};

        assertThat(EcdsaP256.decode(der)).containsExactly(BigInteger.ONE, BigInteger.ONE);
        assertThat(EcdsaP256.decode(padded)).isNull();
    }

    @Test
    void refuses_zero_and_out_of_range_components() {
        assertThat(EcdsaP256.verify(PUBLIC, digest, new byte[64])).isFalse();
        assertThat(EcdsaP256.verify(PUBLIC, digest, derUnchecked(rs[0], rs[1].add(N))))
                .isFalse();
    }

    @Test
    void reads_only_p256_keys_from_pem() {
        assertThat(EcdsaP256.publicKeyFromPem(null)).isNull();
        assertThat(EcdsaP256.publicKeyFromPem("not pem")).isNull();
        assertThat(EcdsaP256.publicKeyFromPem(VectorFiles.keyPem("device-1", "pkcs8_pem")))
                .isNull();
        assertThat(EcdsaP256.privateKeyFromPem(VectorFiles.keyPem("device-1", "spki_pem")))
                .isNull();
        assertThat(PUBLIC.getQ())
                .isEqualTo(EcdsaP256.DOMAIN.getG().multiply(PRIVATE.getD()).normalize());
    }

    private static byte[] derUnchecked(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
