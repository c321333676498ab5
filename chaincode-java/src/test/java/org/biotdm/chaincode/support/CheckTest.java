package org.biotdm.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTest {
    @Test
    void id_allows_64_characters_of_the_documented_set() {
        assertThat(Check.id("id", "A" + "b.-_9".repeat(12) + "xyz")).hasSize(64);
        assertThatThrownBy(() -> Check.id("id", "-leading")).hasMessageContaining("must match");
        assertThatThrownBy(() -> Check.id("id", "a/b")).hasMessageContaining("must match");
    }

    @Test
    void id_set_sorts_and_removes_duplicates() {
        assertThat(Check.idSet("types", Arrays.asList("b", "a", "b"), 5)).containsExactly("a", "b");
        assertThatThrownBy(() -> Check.idSet("types", List.of("a", "b"), 1)).hasMessageContaining("between 1 and 1");
    }

    @Test
    void text_refuses_blank_overlong_and_control_characters() {
        assertThatThrownBy(() -> Check.requiredText("reason", " ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> Check.text("reason", "x".repeat(257))).hasMessageContaining("256");
        assertThatThrownBy(() -> Check.text("reason", "a\u0000b")).hasMessageContaining("control");
        assertThat(Check.text("reason", null)).isNull();
    }

    @Test
    void base64_must_decode_to_bytes() {
        assertThat(Check.base64("sig", "AQI=", 8)).containsExactly(1, 2);
        assertThatThrownBy(() -> Check.base64("sig", "AQI=AQI=AQI=", 8)).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> Check.base64("sig", "", 8)).hasMessageContaining("empty");
    }

    @Test
    void model_names_its_manufacturer() {
        assertThat(Check.manufacturerOf(Check.model("model", "Org3MSP/probe"))).isEqualTo("Org3MSP");
    }

    @Test
    void page_request_defaults_and_limits() {
        final PageRequest defaults = PageRequest.of(null, null);
        assertThat(defaults.pageSize()).isEqualTo(PageRequest.DEFAULT_PAGE_SIZE);
        assertThat(defaults.bookmark()).isEmpty();
        assertThatThrownBy(() -> PageRequest.of(0L, null)).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> PageRequest.of(10L, "b".repeat(1025))).hasMessageContaining("bookmark");
    }

    @Test
    void hashes_are_lower_case_hex() {
        assertThat(Hashes.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
