package org.biotdm.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.protocol.json.CanonicalJson;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the {@code biotdm-json-v1} vectors through the gateway's own path: Micronaut's JSON parser (as a request body
 * is read), {@link JsonTrees} and {@link CommandService#canonical}.
 */
class CanonicalJsonTest {
    static Stream<Map<String, Object>> cases() {
        return VectorFiles.cases("json-v1.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_gateway_writes_each_vector_canonically_or_refuses_it(Map<String, Object> vector) throws IOException {
        JsonNode parsed = ObjectMapper.getDefault().readValue((String) vector.get("input"), JsonNode.class);

        if (vector.containsKey("error")) {
            assertThatThrownBy(() -> CommandService.canonical(parsed, Integer.MAX_VALUE, "parameters"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.valueOf((String) vector.get("error"))));
        } else {
            String canonical = CommandService.canonical(parsed, Integer.MAX_VALUE, "parameters");
            assertThat(canonical).isEqualTo(vector.get("canonical"));
            assertThat(CanonicalJson.sha256Hex(canonical)).isEqualTo(vector.get("canonical_sha256"));
        }
    }

    @Test
    void refuses_a_canonical_text_over_the_size_limit() throws IOException {
        JsonNode parsed = ObjectMapper.getDefault().readValue("{\"mode\": \"eco\"}", JsonNode.class);

        assertThat(CommandService.canonical(parsed, 14, "result")).isEqualTo("{\"mode\":\"eco\"}");
        assertThatThrownBy(() -> CommandService.canonical(parsed, 13, "result"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
