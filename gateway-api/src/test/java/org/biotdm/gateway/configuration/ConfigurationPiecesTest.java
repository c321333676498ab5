package org.biotdm.gateway.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The configuration pieces that need no ledger: the document's canonical form and limit, refusal codes, drift. */
class ConfigurationPiecesTest {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    private static JsonNode tree(String text) throws IOException {
        return JSON.readValue(text, JsonNode.class);
    }

    private static ErrorCode code(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("no refusal");
    }

    @Nested
    class Canonical {
        @Test
        void writes_the_document_as_biotdm_json_v1() throws IOException {
            assertThat(ConfigurationService.canonical(tree("{ \"b\": 1.50, \"a\": [true, null, \"x\"] }")))
                    .isEqualTo("{\"a\":[true,null,\"x\"],\"b\":1.5}");
        }

        @Test
        void takes_exactly_the_limit_and_refuses_one_byte_more_with_its_own_code() throws IOException {
            String filler = "x".repeat(ConfigurationService.MAX_DOCUMENT_BYTES - "{\"k\":\"\"}".length());

            assertThat(ConfigurationService.canonical(tree("{\"k\":\"" + filler + "\"}")))
                    .hasSize(ConfigurationService.MAX_DOCUMENT_BYTES);
            JsonNode over = tree("{\"k\":\"" + filler + "x\"}");
            assertThat(code(() -> ConfigurationService.canonical(over))).isEqualTo(ErrorCode.CONFIGURATION_TOO_LARGE);
        }

        @Test
        void counts_utf8_bytes_not_characters() throws IOException {
            JsonNode document = tree("{\"k\":\"" + "é".repeat(2100) + "\"}");

            assertThat(code(() -> ConfigurationService.canonical(document)))
                    .isEqualTo(ErrorCode.CONFIGURATION_TOO_LARGE);
        }

        @Test
        void refuses_anything_but_an_object() throws IOException {
            JsonNode array = tree("[1,2]");
            JsonNode text = tree("\"on\"");

            assertThat(code(() -> ConfigurationService.canonical(array))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(code(() -> ConfigurationService.canonical(text))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThatThrownBy(() -> ConfigurationService.canonical(null)).isInstanceOf(ApiException.class);
        }

        @Test
        void refuses_nesting_deeper_than_the_format_allows() throws IOException {
            JsonNode deep = tree("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}");

            assertThat(code(() -> ConfigurationService.canonical(deep))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class RefusalCode {
        private final ConfigurationCompletion completion = new ConfigurationCompletion(null, null, null, JSON);

        @Test
        void reads_a_catalogue_shaped_code_from_the_devices_result() {
            assertThat(completion.refusalCode("{\"code\":\"CONFIGURATION_INVALID\",\"message\":\"too fast\"}"))
                    .isEqualTo("CONFIGURATION_INVALID");
        }

        @Test
        void ignores_absent_malformed_or_misshapen_codes() {
            assertThat(completion.refusalCode(null)).isNull();
            assertThat(completion.refusalCode("[\"CONFIGURATION_INVALID\"]")).isNull();
            assertThat(completion.refusalCode("{\"code\":\"not a code\"}")).isNull();
            assertThat(completion.refusalCode("{\"code\":42}")).isNull();
        }
    }

    @Nested
    class Drift {
        private ConfigurationRow row(String reportedSha256) {
            return new ConfigurationRow(
                    "d-1",
                    "Org1MSP",
                    2,
                    "a".repeat(64),
                    1L,
                    null,
                    null,
                    null,
                    null,
                    reportedSha256 == null ? null : 2L,
                    reportedSha256,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        @Test
        void drifts_until_the_device_reports_the_desired_hash() {
            assertThat(row(null).drifting()).isTrue();
            assertThat(row("b".repeat(64)).drifting()).isTrue();
            assertThat(row("a".repeat(64)).drifting()).isFalse();
            assertThat(ConfigurationResponse.of(row("a".repeat(64))).drift()).isFalse();
        }
    }
}
