package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.biotdm.gateway.telemetry.TelemetryBatch;
import org.biotdm.gateway.telemetry.TelemetryBatchParser;
import org.biotdm.gateway.telemetry.TelemetrySignature;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The SDK's batches against the gateway's own parser, canonical encoding and verifier (gateway-api on the test
 * class path), and against the README's published test vector.
 */
class SignedBatchTest {
    /** RFC 6979 §A.2.5's P-256 private key, the key of the gateway README's test vector. */
    private static final DeviceKeys RFC6979 = DeviceKeys.fromPrivateScalar(
            new BigInteger("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721", 16));

    private static final List<Reading> README_READINGS = List.of(
            Reading.number("humidity", "45.93", "%RH", 1_700_000_000_000L),
            Reading.number("temperature", "27.97", "C", Reading.NO_TS),
            Reading.state("door", "OPEN", null, Reading.NO_TS),
            Reading.bool("alarm", false, Reading.NO_TS));

    private final TelemetryBatchParser gatewayParser = new TelemetryBatchParser(1000);

    @Nested
    class Readme_test_vector {
        @Test
        void canonical_text_and_its_sha256_are_the_documented_ones() {
            byte[] canonical = CanonicalTelemetry.encode("mote-1", 42, 1_700_000_005_000L, README_READINGS);

            assertThat(new String(canonical, StandardCharsets.UTF_8))
                    .isEqualTo("biotdm-telemetry-v1\n"
                            + "device=mote-1\n"
                            + "seq=42\n"
                            + "ts=1700000005000\n"
                            + "reading=humidity|N|45.93|%RH|1700000000000\n"
                            + "reading=temperature|N|27.97|C|\n"
                            + "reading=door|S|OPEN||\n"
                            + "reading=alarm|B|false||\n");
            assertThat(HexFormat.of().formatHex(DeviceKeys.sha256(canonical)))
                    .isEqualTo("23a4d45713caec5abfaec6732fb835bb282952ff1f34d9bd4b6ccb0dfc6cdc5c");
        }

        @Test
        void deterministic_signature_is_the_documented_sig() {
            SignedBatch batch = SignedBatch.sign("mote-1", 42, 1_700_000_005_000L, README_READINGS, RFC6979);

            String body = new String(batch.body(), StandardCharsets.UTF_8);
            assertThat(body)
                    .endsWith(
                            "\"sig\":\"dmDjHzwohXPvdECcdfTtU/37lrdZWM7SdsgmsDOdixI6Bf7Qa2NIrK0+BQPdag2c4tCAdeqSc1qVPrOkgeggiA==\"}");
        }
    }

    @Nested
    class Gateway_verifier {
        @Test
        void gateway_rebuilds_the_same_canonical_bytes_from_the_body_and_verifies_the_signature() {
            DeviceKeys keys = DeviceKeys.generate();
            List<Reading> readings = List.of(
                    Reading.number("humidity", "45.90", "%RH", 1_700_000_000_000L),
                    Reading.number("big", "1E+3", null, Reading.NO_TS),
                    Reading.number("neg", "-0.000123", "V", 1_700_000_001_000L),
                    Reading.state("label", "Ünïcødé \"quoted\" \\ back", null, Reading.NO_TS),
                    Reading.bool("occupied", true, Reading.NO_TS));
            SignedBatch batch = SignedBatch.sign("d-17", 7, 1_700_000_002_000L, readings, keys);

            TelemetryBatch parsed = gatewayParser.parse(batch.body());
            byte[] gatewayCanonical = org.biotdm.gateway.telemetry.CanonicalTelemetry.encode("d-17", parsed);

            assertThat(gatewayCanonical).isEqualTo(CanonicalTelemetry.encode("d-17", 7, 1_700_000_002_000L, readings));
            assertThat(parsed.readings().get(0).valueText()).isEqualTo("45.90");
            assertThat(TelemetrySignature.verify(
                            keys.publicParameters(), DeviceKeys.sha256(gatewayCanonical), parsed.signature()))
                    .isTrue();
        }

        @Test
        void gateway_refuses_the_signature_for_another_device_id() {
            DeviceKeys keys = DeviceKeys.generate();
            SignedBatch batch = SignedBatch.sign("d-17", 1, 1_700_000_000_000L, README_READINGS, keys);

            TelemetryBatch parsed = gatewayParser.parse(batch.body());
            byte[] otherDevice = org.biotdm.gateway.telemetry.CanonicalTelemetry.encode("d-18", parsed);

            assertThat(TelemetrySignature.verify(
                            keys.publicParameters(), DeviceKeys.sha256(otherDevice), parsed.signature()))
                    .isFalse();
        }

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
            assertThatThrownBy(() -> Reading.state("bad name", "ON", null, Reading.NO_TS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Reading.state("t", "ON", "x".repeat(17), Reading.NO_TS))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_reading_newer_than_its_batch() {
            List<Reading> late = List.of(Reading.number("t", "1", null, 2_000L));

            assertThatThrownBy(() -> SignedBatch.sign("d", 0, 1_000L, late, RFC6979))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
