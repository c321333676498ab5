package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void reads_fields_in_order() {
        assertThat(KeyValues.parse("READY", "READY api=http://127.0.0.1:8080 device=https://127.0.0.1:8443"))
                .containsExactly(
                        java.util.Map.entry("api", "http://127.0.0.1:8080"),
                        java.util.Map.entry("device", "https://127.0.0.1:8443"));
    }

    @Test
    void refuses_another_line_a_field_without_value_and_a_repeated_key() {
        assertThatThrownBy(() -> KeyValues.parse("VERIFY", "REPLAY rows=1")).hasMessageContaining("Not a VERIFY line");
        assertThatThrownBy(() -> KeyValues.parse("VERIFY", "VERIFY windows")).hasMessageContaining("no key=value");
        assertThatThrownBy(() -> KeyValues.parse("VERIFY", "VERIFY ok=1 ok=2")).hasMessageContaining("repeats");
    }
}
