package org.biotdm.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {
    @Test
    void orders_by_semver_precedence() {
        final List<String> shuffled = List.of(
                "1.0.0",
                "1.0.0-alpha.beta",
                "1.0.0-rc.1",
                "1.0.0-beta.11",
                "1.0.0-alpha.1",
                "1.0.0-beta",
                "1.0.0-beta.2",
                "1.0.0-alpha",
                "2.0.0",
                "1.10.0",
                "1.2.0");

        final List<String> sorted = shuffled.stream()
                .map(text -> SemanticVersion.parse("v", text))
                .sorted()
                .map(SemanticVersion::toString)
                .collect(Collectors.toList());

        assertThat(sorted)
                .containsExactly(
                        "1.0.0-alpha",
                        "1.0.0-alpha.1",
                        "1.0.0-alpha.beta",
                        "1.0.0-beta",
                        "1.0.0-beta.2",
                        "1.0.0-beta.11",
                        "1.0.0-rc.1",
                        "1.0.0",
                        "1.2.0",
                        "1.10.0",
                        "2.0.0");
    }

    @Test
    void equal_text_is_equal_version() {
        assertThat(SemanticVersion.parse("v", "1.2.3"))
                .isEqualTo(SemanticVersion.parse("v", "1.2.3"))
                .hasSameHashCodeAs(SemanticVersion.parse("v", "1.2.3"))
                .isNotEqualTo(SemanticVersion.parse("v", "1.2.4"))
                .isNotEqualTo("1.2.3");
        assertThat(SemanticVersion.parse("v", "1.2.3")).isEqualByComparingTo(SemanticVersion.parse("v", "1.2.3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "01.2.3", "1.2.3+build", "1.2.3-", "v1.2.3", "1.2.3-01", "1.2.3 "})
    void rejects_non_semantic_versions(final String text) {
        assertThatThrownBy(() -> SemanticVersion.parse("version", text))
                .hasMessageStartingWith("[INVALID_ARGUMENT] version must be a semantic version");
    }

    @Test
    void rejects_overlong_version() {
        assertThatThrownBy(() -> SemanticVersion.parse("version", "1.2.3-" + "a".repeat(60)))
                .hasMessageStartingWith("[INVALID_ARGUMENT]");
    }
}
