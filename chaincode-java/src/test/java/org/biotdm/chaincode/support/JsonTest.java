package org.biotdm.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    public static final class Sample {
        private final String name;
        private final Long count;

        public Sample(@JsonProperty("name") final String name, @JsonProperty("count") final Long count) {
            this.name = name;
            this.count = count;
        }

        public String getName() {
            return name;
        }

        public Long getCount() {
            return count;
        }
    }

    @Nested
    class Parse {
        @Test
        void reads_a_well_formed_object() {
            final Sample sample = Json.parse(" {\"name\":\"x\",\"count\":3} ", Sample.class);

            assertThat(sample.getName()).isEqualTo("x");
            assertThat(sample.getCount()).isEqualTo(3L);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "   ",
                    "[1]",
                    "\"text\"",
                    "{\"name\":\"x\"} trailing",
                    "{\"name\":\"x\"}{}",
                    "{\"name\":\"x\",\"name\":\"y\"}",
                    "{\"count\":1.5}",
                    "{\"count\":1e3}",
                    "{\"name\":}",
                    "{'name':'x'}",
                    "{\"name\":\"x\",}",
                    "{\"other\":1}",
                    "{\"count\":\"many\"}",
                    "{\"name\":[\"x\"]}",
                    "{\"name\":{\"a\":{\"a\":1,\"a\":2}}}"
                })
        void rejects_malformed_or_unexpected_input(final String json) {
            assertThatThrownBy(() -> Json.parse(json, Sample.class))
                    .isInstanceOf(ChaincodeException.class)
                    .hasMessageStartingWith("[INVALID_ARGUMENT] ");
        }

        @Test
        void rejects_null() {
            assertThatThrownBy(() -> Json.parse(null, Sample.class)).hasMessageStartingWith("[INVALID_ARGUMENT] ");
        }

        @Test
        void rejects_oversize_argument() {
            final String big = "{\"name\":\"" + "x".repeat(Json.MAX_ARGUMENT_BYTES) + "\"}";

            assertThatThrownBy(() -> Json.parse(big, Sample.class))
                    .hasMessage("[INVALID_ARGUMENT] Argument exceeds 16384 bytes");
        }

        @Test
        void accepts_nested_arrays_of_objects() {
            assertThatThrownBy(() -> Json.parse("{\"name\":\"x\",\"list\":[{\"a\":[1,2]}]}", Sample.class))
                    .hasMessageContaining("unknown field");
        }
    }

    @Nested
    class Write {
        @Test
        void sorts_properties_and_map_keys_and_drops_nulls() {
            final Map<String, Object> map = new TreeMap<>(Map.of("b", 2, "a", List.of("z", "y")));

            assertThat(Json.write(new Sample("n", null))).isEqualTo("{\"name\":\"n\"}");
            assertThat(Json.write(new Sample("n", 7L))).isEqualTo("{\"count\":7,\"name\":\"n\"}");
            assertThat(Json.write(map)).isEqualTo("{\"a\":[\"z\",\"y\"],\"b\":2}");
        }

        @Test
        void escapes_control_characters_of_bookmarks() {
            assertThat(Json.write(new Page<>(List.of(), Keys.of(Keys.DEVICE, "d-1"), 0)))
                    .isEqualTo("{\"bookmark\":\"\\u0000biotdm.device\\u0000d-1\\u0000\",\"fetchedCount\":0,"
                            + "\"records\":[]}");
        }
    }
}
