package org.biotdm.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static JsonNode parse(String text) throws IOException {
        return ObjectMapper.getDefault().readValue(text, JsonNode.class);
    }

    @Test
    void sorts_members_and_drops_whitespace() throws IOException {
        assertThat(CanonicalJson.write(parse("{ \"b\" : [1, {\"z\":true, \"a\":null}], \"a\":\"x\" }")))
                .isEqualTo("{\"a\":\"x\",\"b\":[1,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void writes_numbers_in_plain_decimal_without_trailing_zeros() throws IOException {
        assertThat(CanonicalJson.write(parse("[1.50, 2.0, 2E0, -0, 1e3, 0.000125, 12345678901234567890, -7]")))
                .isEqualTo("[1.5,2,2,0,1000,0.000125,12345678901234567890,-7]");
    }

    @Test
    void escapes_only_quotes_backslashes_and_controls() throws IOException {
        assertThat(CanonicalJson.write(parse("{\"s\":\"a\\\"b\\\\c\\n\\u0001é€/\"}")))
                .isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\u0001é€/\"}");
    }

    @Test
    void equal_content_hashes_equally_whatever_the_layout() throws IOException {
        String a = CanonicalJson.write(parse("{\"speed\":10.0,\"mode\":\"eco\"}"));
        String b = CanonicalJson.write(parse("{\"mode\" : \"eco\", \"speed\" : 1E1}"));
        assertThat(CanonicalJson.sha256(a)).isEqualTo(CanonicalJson.sha256(b)).hasSize(64);
        assertThat(CanonicalJson.sha256("{}"))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void refuses_deep_nesting_and_huge_exponents() throws IOException {
        assertThatThrownBy(() -> CanonicalJson.write(parse("[".repeat(40) + "]".repeat(40))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.number(new java.math.BigDecimal("1e999999")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.number(new java.math.BigDecimal("1e-999999")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
