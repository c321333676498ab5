package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.biotdm.gateway.telemetry.SequenceWindow.Verdict;
import org.junit.jupiter.api.Test;

class SequenceWindowTest {
    private final SequenceWindow window = new SequenceWindow();

    @Test
    void first_number_of_a_device_is_new_whatever_its_value() {
        assertThat(window.check(0)).isEqualTo(Verdict.NEW);
        assertThat(window.check(Long.MAX_VALUE)).isEqualTo(Verdict.NEW);
        assertThat(window.highest()).isEqualTo(-1);
    }

    @Test
    void accepted_number_is_seen_and_higher_ones_are_new() {
        window.markAccepted(100);

        assertThat(window.check(100)).isEqualTo(Verdict.SEEN);
        assertThat(window.check(101)).isEqualTo(Verdict.NEW);
        assertThat(window.highest()).isEqualTo(100);
    }

    @Test
    void numbers_inside_the_window_are_accepted_once_in_any_order() {
        window.markAccepted(100);

        assertThat(window.check(37)).isEqualTo(Verdict.NEW);
        window.markAccepted(37);
        assertThat(window.check(37)).isEqualTo(Verdict.SEEN);
        assertThat(window.check(99)).isEqualTo(Verdict.NEW);
        assertThat(window.highest()).isEqualTo(100);
    }

    @Test
    void highest_minus_64_and_below_are_replays_and_highest_minus_63_is_not() {
        window.markAccepted(100);

        assertThat(window.check(36)).isEqualTo(Verdict.REPLAYED);
        assertThat(window.check(0)).isEqualTo(Verdict.REPLAYED);
        assertThat(window.check(37)).isEqualTo(Verdict.NEW);
    }

    @Test
    void moving_the_window_keeps_what_was_accepted_inside_it() {
        window.markAccepted(10);
        window.markAccepted(12);
        window.markAccepted(50);

        assertThat(window.check(10)).isEqualTo(Verdict.SEEN);
        assertThat(window.check(11)).isEqualTo(Verdict.NEW);
        assertThat(window.check(12)).isEqualTo(Verdict.SEEN);

        window.markAccepted(74);
        assertThat(window.check(10)).isEqualTo(Verdict.REPLAYED);
        assertThat(window.check(12)).isEqualTo(Verdict.SEEN);
        assertThat(window.check(50)).isEqualTo(Verdict.SEEN);
    }

    @Test
    void a_jump_of_64_or_more_forgets_the_old_window() {
        window.markAccepted(5);
        window.markAccepted(200);

        assertThat(window.check(5)).isEqualTo(Verdict.REPLAYED);
        assertThat(window.check(199)).isEqualTo(Verdict.NEW);
        assertThat(window.check(200)).isEqualTo(Verdict.SEEN);
    }

    @Test
    void marks_are_order_independent_as_when_a_load_races_a_commit() {
        SequenceWindow other = new SequenceWindow();
        long[] numbers = {90, 120, 64, 119, 100, 57};
        for (long n : numbers) {
            window.markAccepted(n);
        }
        for (int i = numbers.length - 1; i >= 0; i--) {
            other.markAccepted(numbers[i]);
        }

        for (long n = 40; n <= 130; n++) {
            assertThat(other.check(n)).as("seq %d", n).isEqualTo(window.check(n));
        }
        assertThat(other.highest()).isEqualTo(120);
    }

    @Test
    void marking_a_number_older_than_the_window_changes_nothing() {
        window.markAccepted(100);
        window.markAccepted(20);

        assertThat(window.highest()).isEqualTo(100);
        assertThat(window.check(20)).isEqualTo(Verdict.REPLAYED);
    }
}
