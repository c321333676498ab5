package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.jupiter.api.Test;

/**
 * The canonical encoding and its signature, with a fixed key (the P-256 key of RFC 6979 §A.2.5) and deterministic
 * nonces, so the exact bytes and the exact signature are a test vector device firmware can check itself against.
 */
class CanonicalTelemetryTest {
    private static final X9ECParameters P256 = SECNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    /** RFC 6979 §A.2.5's P-256 private key. */
    private static final BigInteger PRIVATE =
            new BigInteger("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721", 16);

    /** Readings of Suthaharan's indoor mote 1, first sample: humidity 45.93 %RH, temperature 27.97 °C. */
    private static final String BODY =
            """
            {"seq":42,"ts":1700000005000,"readings":[
              {"sensor":"humidity","value":45.93,"unit":"%RH","ts":1700000000000},
              {"sensor":"temperature","value":27.97,"unit":"C"},
              {"sensor":"door","value":"OPEN"},
              {"sensor":"alarm","value":false}],
             "sig":"AAAA"}""";

    private static final String CANONICAL = "biotdm-telemetry-v1\n"
            + "device=mote-1\n"
            + "seq=42\n"
            + "ts=1700000005000\n"
            + "reading=humidity|N|45.93|%RH|1700000000000\n"
            + "reading=temperature|N|27.97|C|\n"
            + "reading=door|S|OPEN||\n"
            + "reading=alarm|B|false||\n";

    private final TelemetryBatchParser parser = new TelemetryBatchParser(1000);

    @Test
    void encodes_the_documented_lines_exactly() {
        byte[] encoded = CanonicalTelemetry.encode("mote-1", parse(BODY));

        assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
    }

    @Test
    void keeps_number_tokens_exactly_as_sent() {
        TelemetryBatch batch = parse("{\"seq\":0,\"ts\":1,\"sig\":\"AA==\",\"readings\":["
                + "{\"sensor\":\"a\",\"value\":45.90},{\"sensor\":\"b\",\"value\":1E+3},"
                + "{\"sensor\":\"c\",\"value\":-0},{\"sensor\":\"d\",\"value\":0.000100}]}");

        assertThat(new String(CanonicalTelemetry.encode("d-1", batch), StandardCharsets.UTF_8))
                .endsWith("reading=a|N|45.90||\nreading=b|N|1E+3||\nreading=c|N|-0||\nreading=d|N|0.000100||\n");
    }

    @Test
    void encodes_strings_after_json_unescaping_as_utf8() {
        TelemetryBatch batch = parse(
                "{\"seq\":1,\"ts\":2,\"sig\":\"AA==\",\"readings\":[{\"sensor\":\"t\",\"value\":\"\\u00e9t\\u00e9\","
                        + "\"unit\":\"\\u00b0C\"}]}");

        byte[] encoded = CanonicalTelemetry.encode("d-1", batch);

        assertThat(encoded).endsWith("reading=t|S|\u00e9t\u00e9|\u00b0C|\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void field_order_and_whitespace_of_the_body_do_not_change_the_encoding() {
        String reordered = "{ \"sig\" : \"AAAA\", \"readings\" : [ {\"ts\":1700000000000,\"unit\":\"%RH\","
                + "\"value\":45.93,\"sensor\":\"humidity\"}, {\"unit\":\"C\",\"value\":27.97,\"sensor\":\"temperature\"},"
                + "{\"value\":\"OPEN\",\"sensor\":\"door\"}, {\"value\":false,\"sensor\":\"alarm\"} ],"
                + " \"ts\" : 1700000005000, \"seq\" : 42 }";

        assertThat(CanonicalTelemetry.encode("mote-1", parse(reordered)))
                .isEqualTo(CANONICAL.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fixed_key_signature_vector_verifies_in_der_and_raw_form() {
        byte[] digest = sha256(CANONICAL.getBytes(StandardCharsets.UTF_8));
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(PRIVATE, DOMAIN));
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] raw = raw(rs[0], rs[1]);

        assertThat(HexFormat.of().formatHex(digest))
                .isEqualTo("23a4d45713caec5abfaec6732fb835bb282952ff1f34d9bd4b6ccb0dfc6cdc5c");
        assertThat(Base64.getEncoder().encodeToString(raw))
                .isEqualTo("dmDjHzwohXPvdECcdfTtU/37lrdZWM7SdsgmsDOdixI6Bf7Qa2NIrK0+BQPdag2c4tCAdeqSc1qVPrOkgeggiA==");
        ECPublicKeyParameters publicKey =
                new ECPublicKeyParameters(DOMAIN.getG().multiply(PRIVATE), DOMAIN);
        assertThat(TelemetrySignature.verify(publicKey, digest, raw)).isTrue();
        assertThat(TelemetrySignature.verify(publicKey, digest, der(rs[0], rs[1])))
                .isTrue();
    }

    @Test
    void signature_over_another_device_id_does_not_verify() {
        byte[] digest = sha256(CANONICAL.getBytes(StandardCharsets.UTF_8));
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(PRIVATE, DOMAIN));
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] otherDevice = sha256(CanonicalTelemetry.encode("mote-2", parse(BODY)));

        ECPublicKeyParameters publicKey =
                new ECPublicKeyParameters(DOMAIN.getG().multiply(PRIVATE), DOMAIN);
        assertThat(TelemetrySignature.verify(publicKey, otherDevice, raw(rs[0], rs[1])))
                .isFalse();
    }

    private TelemetryBatch parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(data, 0, data.length);
        byte[] digest = new byte[32];
        sha.doFinal(digest, 0);
        return digest;
    }

    static byte[] raw(BigInteger r, BigInteger s) {
        byte[] out = new byte[64];
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        System.arraycopy(rb, Math.max(0, rb.length - 32), out, 32 - Math.min(32, rb.length), Math.min(32, rb.length));
        System.arraycopy(sb, Math.max(0, sb.length - 32), out, 64 - Math.min(32, sb.length), Math.min(32, sb.length));
        return out;
    }

    static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] out = new byte[6 + rb.length + sb.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rb.length + sb.length);
        out[2] = 0x02;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 0x02;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }
}
