package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.protocol.telemetry.CanonicalTelemetry;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code protocol/vectors/telemetry-v1.json} through the ingress's own steps: the body through {@link
 * TelemetryBatchParser}, the canonical text and signature through {@link TelemetryService#verifiedDigest}, with the
 * registered key read by {@link DevicePublicKeys}. The answer is the vector's: accepted, or its error code.
 */
class TelemetryVectorsTest {
    private final TelemetryBatchParser parser = new TelemetryBatchParser(1000);
    private final DevicePublicKeys keys = new DevicePublicKeys();

    static Stream<Map<String, Object>> cases() {
        return VectorFiles.cases("telemetry-v1.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ingress_answers_as_the_vector_says(Map<String, Object> vector) {
        String result;
        try {
            TelemetryBatch batch = parser.parse(((String) vector.get("body")).getBytes(StandardCharsets.UTF_8));
            byte[] digest = TelemetryService.verifiedDigest(
                    (String) vector.get("device_id"), key((String) vector.get("public_key")), batch);
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(vector.get("canonical_sha256"));
            result = "ACCEPTED";
        } catch (ApiException e) {
            result = e.code().name();
        }

        assertThat(result).isEqualTo(vector.get("result"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsed_bodies_encode_to_the_vectors_canonical_bytes(Map<String, Object> vector) {
        if (vector.containsKey("canonical_hex")) {
            TelemetryBatch batch = parser.parse(((String) vector.get("body")).getBytes(StandardCharsets.UTF_8));

            byte[] encoded = CanonicalTelemetry.encode(
                    (String) vector.get("device_id"), batch.seq(), batch.ts(), batch.readings());

            assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(vector.get("canonical_hex"));
            assertThat(HexFormat.of().formatHex(batch.signature())).isEqualTo(vector.get("signature_hex"));
        }
    }

    @Test
    void field_order_and_whitespace_of_the_body_do_not_change_the_canonical_text() {
        Map<String, Object> example = cases().filter(c -> "readme_example_raw".equals(c.get("name")))
                .findFirst()
                .orElseThrow();
        String reordered = "{ \"sig\" : \"AAAA\", \"readings\" : [ {\"ts\":1700000000000,\"unit\":\"%RH\","
                + "\"value\":45.93,\"sensor\":\"humidity\"}, {\"unit\":\"C\",\"value\":27.97,\"sensor\":\"temperature\"},"
                + "{\"value\":\"OPEN\",\"sensor\":\"door\"}, {\"value\":false,\"sensor\":\"alarm\"} ],"
                + " \"ts\" : 1700000005000, \"seq\" : 42 }";
        TelemetryBatch batch = parser.parse(reordered.getBytes(StandardCharsets.UTF_8));

        byte[] encoded = CanonicalTelemetry.encode("mote-1", batch.seq(), batch.ts(), batch.readings());

        assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo(example.get("canonical"));
    }

    private org.bouncycastle.crypto.params.ECPublicKeyParameters key(String name) {
        return keys.p256(VectorFiles.keyPem(name, "spki_pem"));
    }
}
