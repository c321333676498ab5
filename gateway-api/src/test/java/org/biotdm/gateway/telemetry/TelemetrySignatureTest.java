package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.jupiter.api.Test;

class TelemetrySignatureTest {
    private static final X9ECParameters P256 = SECNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final BigInteger PRIVATE = new BigInteger("1d2c3b4a5f6e7d8c9bab", 16);
    private static final ECPublicKeyParameters PUBLIC =
            new ECPublicKeyParameters(DOMAIN.getG().multiply(PRIVATE).normalize(), DOMAIN);

    private final byte[] digest =
            CanonicalTelemetryTest.sha256("biotdm-telemetry-v1\n".getBytes(StandardCharsets.UTF_8));
    private final BigInteger[] rs = sign(digest);

    @Test
    void accepts_raw_and_der_encodings_of_the_same_signature() {
        assertThat(TelemetrySignature.verify(PUBLIC, digest, CanonicalTelemetryTest.raw(rs[0], rs[1])))
                .isTrue();
        assertThat(TelemetrySignature.verify(PUBLIC, digest, CanonicalTelemetryTest.der(rs[0], rs[1])))
                .isTrue();
    }

    @Test
    void accepts_the_high_s_twin_as_constrained_devices_do_not_normalise() {
        BigInteger highS = DOMAIN.getN().subtract(rs[1]);

        assertThat(TelemetrySignature.verify(PUBLIC, digest, CanonicalTelemetryTest.der(rs[0], highS)))
                .isTrue();
    }

    @Test
    void refuses_a_signature_over_other_bytes() {
        byte[] other = CanonicalTelemetryTest.sha256("biotdm-telemetry-v2\n".getBytes(StandardCharsets.UTF_8));

        assertThat(TelemetrySignature.verify(PUBLIC, other, CanonicalTelemetryTest.raw(rs[0], rs[1])))
                .isFalse();
    }

    @Test
    void refuses_malformed_der_without_throwing() {
        byte[] der = CanonicalTelemetryTest.der(rs[0], rs[1]);
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        byte[] truncated = Arrays.copyOf(der, der.length - 1);
        byte[] wrongTag = der.clone();
        wrongTag[0] = 0x31;

        assertThat(TelemetrySignature.verify(PUBLIC, digest, trailing)).isFalse();
        assertThat(TelemetrySignature.verify(PUBLIC, digest, truncated)).isFalse();
        assertThat(TelemetrySignature.verify(PUBLIC, digest, wrongTag)).isFalse();
        assertThat(TelemetrySignature.verify(PUBLIC, digest, new byte[0])).isFalse();
        assertThat(TelemetrySignature.verify(PUBLIC, digest, new byte[63])).isFalse();
    }

    @Test
    void refuses_zero_and_out_of_range_components() {
        assertThat(TelemetrySignature.verify(PUBLIC, digest, new byte[64])).isFalse();
        assertThat(TelemetrySignature.verify(
                        PUBLIC, digest, CanonicalTelemetryTest.der(rs[0], rs[1].add(DOMAIN.getN()))))
                .isFalse();
    }

    private static BigInteger[] sign(byte[] digest) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(PRIVATE, DOMAIN));
        return signer.generateSignature(digest);
    }
}
