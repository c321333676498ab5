package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.gateway.telemetry.TelemetryBatch;
import org.biotdm.gateway.telemetry.TelemetryBatchParser;
import org.biotdm.protocol.signature.EcdsaP256;
import org.biotdm.protocol.telemetry.CanonicalTelemetry;
import org.biotdm.protocol.telemetry.Reading;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK's batches against the shared vectors ({@code protocol/vectors/telemetry-v1.json}) and the gateway's own
 * parser (gateway-api on the test class path): for every accepted vector, the SDK builds the same readings into a
 * body whose canonical bytes are the vector's, signs them with the vector's key, and verifies the vector's signature.
 */
class SignedBatchTest {
    private static final HexFormat HEX = HexFormat.of();

    private final TelemetryBatchParser gatewayParser = new TelemetryBatchParser(1000);

    static Stream<Map<String, Object>> acceptedCases() {
        return VectorFiles.cases("telemetry-v1.json").stream().filter(c -> "ACCEPTED".equals(c.get("result")));
    }

    @Nested
    class Shared_vectors {
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.biotdm.device.sdk.SignedBatchTest#acceptedCases")
        void the_sdk_body_carries_the_vectors_canonical_bytes(Map<String, Object> vector) {
            SignedBatch batch = sign(vector);

            TelemetryBatch parsed = gatewayParser.parse(batch.body());
            byte[] canonical = CanonicalTelemetry.encode(
                    (String) vector.get("device_id"), parsed.seq(), parsed.ts(), parsed.readings());

            assertThat(HEX.formatHex(canonical)).isEqualTo(vector.get("canonical_hex"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.biotdm.device.sdk.SignedBatchTest#acceptedCases")
        void the_sdk_signs_with_the_vectors_nonce_and_verifies_the_vectors_signature(Map<String, Object> vector) {
            DeviceKeys keys = keys(vector);
            byte[] canonical = HEX.parseHex((String) vector.get("canonical_hex"));
            byte[] vectorSignature = HEX.parseHex((String) vector.get("signature_hex"));
            byte[] sdkSignature = gatewayParser.parse(sign(vector).body()).signature();

            assertThat(keys.verify(canonical, vectorSignature)).isTrue();
            assertThat(keys.verify(canonical, sdkSignature)).isTrue();
            // RFC 6979: same key and message, same nonce, same r (a high-S or DER twin changes only s or the form).
            assertThat(EcdsaP256.decode(sdkSignature)[0]).isEqualTo(EcdsaP256.decode(vectorSignature)[0]);
        }

        private SignedBatch sign(Map<String, Object> vector) {
            TelemetryBatch parsed = gatewayParser.parse(((String) vector.get("body")).getBytes(StandardCharsets.UTF_8));
            List<Reading> readings = parsed.readings().stream()
                    .map(r -> new Reading(r.sensor(), r.kind(), r.valueText(), r.unit(), r.ts()))
                    .toList();
            return SignedBatch.sign(
                    (String) vector.get("device_id"), parsed.seq(), parsed.ts(), readings, keys(vector));
        }

        private DeviceKeys keys(Map<String, Object> vector) {
            return DeviceKeys.fromPem(VectorFiles.keyPem((String) vector.get("public_key"), "pkcs8_pem"));
        }
    }

    @Nested
    class Gateway_parser {
        @Test
        void double_readings_are_valid_json_numbers() {
            Reading reading = Reading.number("t", 1e-5, null, Reading.NO_TS);

            assertThat(reading.valueText()).isEqualTo("1.0E-5");
            SignedBatch batch = SignedBatch.sign("d", 0, 1, List.of(reading), DeviceKeys.generate());
            assertThat(gatewayParser.parse(batch.body()).readings().get(0).valueText())
                    .isEqualTo("1.0E-5");
        }
    }

    @Nested
    class Refused_before_sending {
        @Test
        void values_the_gateway_would_refuse() {
            assertThatThrownBy(() -> Reading.number("t", "+3", null, Reading.NO_TS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Reading.number("t", Double.NaN, null, Reading.NO_TS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Reading.state("t", "a|b", null, Reading.NO_TS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Reading.state("t", "ON", "", Reading.NO_TS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Reading.state("t", "ON", "x".repeat(17), Reading.NO_TS))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_reading_newer_than_its_batch() {
            List<Reading> late = List.of(Reading.number("t", "1", null, 2_000L));

            assertThatThrownBy(() -> SignedBatch.sign("d", 0, 1_000L, late, DeviceKeys.generate()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
