package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryBatchParserTest {
    private final TelemetryBatchParser parser = new TelemetryBatchParser(3);

    private TelemetryBatch parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String batch(String readings) {
        return "{\"seq\":7,\"ts\":1700000000000,\"readings\":[" + readings + "],\"sig\":\"AQID\"}";
    }

    private String codeOf(String body) {
        try {
            parse(body);
        } catch (ApiException e) {
            return e.code().name();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Nested
    class Accepts {
        @Test
        void a_batch_with_every_value_kind() {
            TelemetryBatch batch =
                    parse(batch("{\"sensor\":\"humidity\",\"value\":45.9,\"unit\":\"%RH\",\"ts\":1699999999000},"
                            + "{\"sensor\":\"relay\",\"value\":\"ON\"},{\"sensor\":\"door.open\",\"value\":true}"));

            assertThat(batch.seq()).isEqualTo(7);
            assertThat(batch.ts()).isEqualTo(1_700_000_000_000L);
            assertThat(batch.signature()).containsExactly(1, 2, 3);
            assertThat(batch.readings())
                    .containsExactly(
                            new TelemetryReading("humidity", ValueKind.N, "45.9", 45.9, "%RH", 1_699_999_999_000L),
                            new TelemetryReading("relay", ValueKind.S, "ON", Double.NaN, null, TelemetryReading.NO_TS),
                            new TelemetryReading("door.open", ValueKind.B, "true", 1, null, TelemetryReading.NO_TS));
        }

        @Test
        void the_largest_sequence_number() {
            assertThat(parse("{\"seq\":9223372036854775807,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],"
                                    + "\"sig\":\"AA==\"}")
                            .seq())
                    .isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void a_64_character_string_and_a_16_character_unit_counted_in_code_points() {
            String value = "\uD83D\uDE00".repeat(64);
            TelemetryBatch batch =
                    parse(batch("{\"sensor\":\"s\",\"value\":\"" + value + "\",\"unit\":\"" + "µ".repeat(16) + "\"}"));

            assertThat(batch.readings().get(0).valueText()).isEqualTo(value);
        }

        @Test
        void sensor_names_of_real_data_files_as_they_are() {
            TelemetryBatch batch = parse(batch("{\"sensor\":\"Temperature (\u00b0C)\",\"value\":23.18},"
                    + "{\"sensor\":\"PT08.S1(CO)\",\"value\":1360}"));

            assertThat(batch.readings())
                    .extracting(TelemetryReading::sensor)
                    .containsExactly("Temperature (\u00b0C)", "PT08.S1(CO)");
        }
    }

    @Nested
    class Malformed {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "[]",
                    "{\"seq\":1",
                    "{\"seq\":1,\"seq\":2,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\",\"device\":\"x\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1,\"quality\":9}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":NaN}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":Infinity}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":+1}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":01}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"} {}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}x"
                })
        void is_refused_as_malformed(String body) {
            assertThat(codeOf(body)).isEqualTo("TELEMETRY_MALFORMED");
        }
    }

    @Nested
    class Invalid {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":-1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":-0,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":1.5,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":\"1\",\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":9223372036854775808,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":0,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[],\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":{},\"sig\":\"AA==\"}",
                    "{\"seq\":1,\"ts\":1,\"readings\":[1],\"sig\":\"AA==\"}"
                })
        void batch_fields_are_refused_as_invalid(String body) {
            assertThat(codeOf(body)).isEqualTo("TELEMETRY_INVALID");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"value\":1}",
                    "{\"sensor\":\"a\"}",
                    "{\"sensor\":\"\",\"value\":1}",
                    "{\"sensor\":\"temp|x\",\"value\":1}",
                    "{\"sensor\":\"tempe\\u0301rature\",\"value\":1}",
                    "{\"sensor\":\" padded\",\"value\":1}",
                    "{\"sensor\":\"a\",\"value\":null}",
                    "{\"sensor\":\"a\",\"value\":[1]}",
                    "{\"sensor\":\"a\",\"value\":{\"v\":1}}",
                    "{\"sensor\":\"a\",\"value\":\"\"}",
                    "{\"sensor\":\"a\",\"value\":\"ON|OFF\"}",
                    "{\"sensor\":\"a\",\"value\":\"ON\\nOFF\"}",
                    "{\"sensor\":\"a\",\"value\":\"\\ud800\"}",
                    "{\"sensor\":\"a\",\"value\":1e400}",
                    "{\"sensor\":\"a\",\"value\":1,\"unit\":\"\"}",
                    "{\"sensor\":\"a\",\"value\":1,\"unit\":\"degrees-celsius-x\"}",
                    "{\"sensor\":\"a\",\"value\":1,\"unit\":7}",
                    "{\"sensor\":\"a\",\"value\":1,\"ts\":-5}",
                    "{\"sensor\":\"a\",\"value\":1,\"ts\":\"now\"}"
                })
        void reading_fields_are_refused_as_invalid(String reading) {
            assertThat(codeOf(batch(reading))).isEqualTo("TELEMETRY_INVALID");
        }

        @Test
        void a_65_character_string_value() {
            assertThat(codeOf(batch("{\"sensor\":\"a\",\"value\":\"" + "x".repeat(65) + "\"}")))
                    .isEqualTo("TELEMETRY_INVALID");
        }

        @Test
        void a_65_character_number_token() {
            assertThat(codeOf(batch("{\"sensor\":\"a\",\"value\":1." + "0".repeat(63) + "}")))
                    .isEqualTo("TELEMETRY_INVALID");
        }

        @Test
        void a_65_character_sensor_name() {
            assertThat(codeOf(batch("{\"sensor\":\"" + "s".repeat(65) + "\",\"value\":1}")))
                    .isEqualTo("TELEMETRY_INVALID");
        }
    }

    @Test
    void more_readings_than_the_limit_are_too_large() {
        String reading = "{\"sensor\":\"a\",\"value\":1}";

        assertThatThrownBy(() -> parse(batch(String.join(",", reading, reading, reading, reading))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TELEMETRY_TOO_LARGE);
                    assertThat(e.status().getCode()).isEqualTo(413);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"not base64!\"", "42", "null"})
    void a_signature_that_is_not_base64_text_is_a_bad_signature(String sig) {
        assertThat(codeOf("{\"seq\":1,\"ts\":1,\"readings\":[{\"sensor\":\"a\",\"value\":1}],\"sig\":" + sig + "}"))
                .isEqualTo("TELEMETRY_BAD_SIGNATURE");
    }
}
