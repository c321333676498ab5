package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestBenchFiguresTest {

    @Test
    void percentile_is_the_nearest_rank_of_the_sorted_samples() {
        double[] samples = {50, 10, 40, 20, 30};

        assertThat(BenchStats.percentile(samples, 50)).isEqualTo(30);
        assertThat(BenchStats.percentile(samples, 20)).isEqualTo(10);
        assertThat(BenchStats.percentile(samples, 21)).isEqualTo(20);
        assertThat(BenchStats.percentile(samples, 99)).isEqualTo(50);
        assertThat(BenchStats.percentile(samples, 100)).isEqualTo(50);
        assertThat(samples).containsExactly(50, 10, 40, 20, 30);
    }

    @Test
    void p99_of_a_hundred_samples_is_the_ninety_ninth_and_p50_the_fiftieth() {
        double[] samples = new double[100];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 100 - i;
        }

        assertThat(BenchStats.percentile(samples, 99)).isEqualTo(99);
        assertThat(BenchStats.percentile(samples, 50)).isEqualTo(50);
    }

    @Test
    void out_of_range_percents_are_refused() {
        assertThatThrownBy(() -> BenchStats.percentile(new double[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchStats.percentile(new double[] {1}, 100.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rate_and_ratio() {
        assertThat(BenchStats.perSecond(150_000, 3_000_000_000L)).isEqualTo(50_000);
        assertThat(BenchStats.ratio(30_000, 100_000)).isEqualTo(0.3);
        assertThat(BenchStats.ratio(1, 0)).isNaN();
    }

    @Test
    void formats_figures_for_a_bench_line() {
        assertThat(BenchStats.format(51234.6)).isEqualTo("51235");
        assertThat(BenchStats.format(12.345)).isEqualTo("12.3");
        assertThat(BenchStats.format(0.31234)).isEqualTo("0.312");
        assertThat(BenchStats.format(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void the_ingest_line_carries_every_figure_and_the_ratio() {
        assertThat(IngestBenchCommand.line(20_000, 12.5, 80.25, 100_000, 16, 500))
                .isEqualTo("BENCH ingest readings_per_s=20000 p50_ms=12.5 p99_ms=80.3 raw_insert_per_s=100000"
                        + " ratio=0.200 devices=16 batch=500");
    }
}
