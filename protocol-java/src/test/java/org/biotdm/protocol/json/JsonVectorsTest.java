package org.biotdm.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonVectorsTest {
    private static final JsonFactory JSON = new JsonFactory();

    static Stream<Map<String, Object>> cases() {
        return VectorFiles.cases("json-v1.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writes_each_vector_canonically_or_refuses_it(Map<String, Object> vector) throws IOException {
        Object value = parse((String) vector.get("input"));

        if (vector.containsKey("error")) {
            assertThatThrownBy(() -> CanonicalJson.write(value)).isInstanceOf(IllegalArgumentException.class);
        } else {
            String canonical = CanonicalJson.write(value);
            assertThat(canonical).isEqualTo(vector.get("canonical"));
            assertThat(CanonicalJson.sha256Hex(canonical)).isEqualTo(vector.get("canonical_sha256"));
            if (vector.containsKey("canonical_hex")) {
                assertThat(HexFormat.of().formatHex(canonical.getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(vector.get("canonical_hex"));
            }
        }
    }

    @Test
    void every_binary64_reads_back_from_its_canonical_digits() {
        java.util.Random random = new java.util.Random(20261207L);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value) || Math.abs(value) > 1e80 || Math.abs(value) < 1e-80) {
                continue;
            }
            String text = CanonicalJson.number(value);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value == 0 ? 0.0 : value);
            assertThat(significantDigits(text)).as(text).isLessThanOrEqualTo(significantDigits(Double.toString(value)));
        }
    }

    @Test
    void writes_a_java_bigdecimal_as_the_binary64_it_stands_for() {
        assertThat(CanonicalJson.write(List.of(new java.math.BigDecimal("0.10"), 7L, 2.5f)))
                .isEqualTo("[0.1,7,2.5]");
    }

    @Test
    void refuses_values_that_are_not_json() {
        assertThatThrownBy(() -> CanonicalJson.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int significantDigits(String number) {
        String digits = number.replaceAll("E.*", "").replaceAll("[^0-9]", "").replaceAll("^0+", "");
        return digits.replaceAll("0+$", "").length();
    }

    /** Parses as the gateway does: integer tokens exact, tokens with fraction or exponent as binary64. */
    static Object parse(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonParseException(parser, "no JSON value");
            }
            return value(parser, first);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    members.put(name, value(parser, parser.nextToken()));
                }
                yield members;
            }
            case START_ARRAY -> {
                List<Object> elements = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    elements.add(value(parser, next));
                }
                yield elements;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected token " + token);
        };
    }
}
