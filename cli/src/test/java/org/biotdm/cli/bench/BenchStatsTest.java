package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchStatsTest {

    private static double[] oneToHundredShuffled() {
        return IntStream.rangeClosed(1, 100)
                .map(i -> (i * 37) % 100 + 1)
                .asDoubleStream()
                .toArray();
    }

    @Test
    void percentiles_are_nearest_rank_whatever_the_order() {
        double[] samples = oneToHundredShuffled();
        assertThat(BenchStats.percentile(samples, 50)).isEqualTo(50);
        assertThat(BenchStats.percentile(samples, 99)).isEqualTo(99);
        assertThat(BenchStats.percentile(samples, 100)).isEqualTo(100);
        assertThat(BenchStats.percentile(samples, 0.5)).isEqualTo(1);
    }

    @Test
    void p99_of_few_samples_is_the_largest_and_samples_are_left_unchanged() {
        double[] samples = {30, 10, 20};
        assertThat(BenchStats.percentile(samples, 99)).isEqualTo(30);
        assertThat(BenchStats.percentile(samples, 50)).isEqualTo(20);
        assertThat(samples).containsExactly(30, 10, 20);
    }

    @Test
    void median_of_odd_and_even_counts() {
        assertThat(BenchStats.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(BenchStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void refuses_no_samples_and_a_percentile_out_of_range() {
        assertThatThrownBy(() -> BenchStats.percentile(new double[0], 50)).hasMessageContaining("no samples");
        assertThatThrownBy(() -> BenchStats.median(new double[0])).hasMessageContaining("no samples");
        assertThatThrownBy(() -> BenchStats.percentile(new double[] {1}, 0)).hasMessageContaining("not in");
        assertThatThrownBy(() -> BenchStats.percentile(new double[] {1}, 101)).hasMessageContaining("not in");
    }

    @Test
    void rates_and_formatting() {
        assertThat(BenchStats.perSecond(500, 250_000_000L)).isEqualTo(2000);
        assertThat(BenchStats.millis(1_500_000L)).isEqualTo(1.5);
        assertThatThrownBy(() -> BenchStats.perSecond(1, 0)).hasMessageContaining("positive");
        assertThat(BenchStats.format(12.345)).isEqualTo("12.3");
        assertThat(BenchStats.format(4512.6)).isEqualTo("4513");
    }
}
