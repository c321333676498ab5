package org.biotdm.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void reads_epoch_milliseconds() {
        assertThat(TimeArgument.parse("1700000000000", NOW)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void reads_iso_instants() {
        assertThat(TimeArgument.parse("2026-01-01T00:00:00Z", NOW)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void reads_now_and_times_ago() {
        assertThat(TimeArgument.parse("now", NOW)).isEqualTo(NOW);
        assertThat(TimeArgument.parse("15m", NOW)).isEqualTo(NOW.minusSeconds(900));
        assertThat(TimeArgument.parse("-2h", NOW)).isEqualTo(NOW.minusSeconds(7200));
        assertThat(TimeArgument.parse("1d", NOW)).isEqualTo(NOW.minusSeconds(86_400));
        assertThat(TimeArgument.parse("30s", NOW)).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void refuses_anything_else_with_the_accepted_forms() {
        assertThatThrownBy(() -> TimeArgument.parse("yesterday", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday' is not a time")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TimeArgument.parse("5w", NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
