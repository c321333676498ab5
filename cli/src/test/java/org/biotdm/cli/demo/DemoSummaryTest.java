package org.biotdm.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoSummaryTest {
    private static DemoSummary summary(long acked, int mismatched, int pending, int completed) {
        return summary(acked, mismatched, pending, completed, true, true);
    }

    private static DemoSummary summary(
            long acked, int mismatched, int pending, int completed, boolean firmware, boolean cluster) {
        return new DemoSummary(
                10,
                1000,
                acked,
                2,
                1000,
                5,
                5 - mismatched - pending,
                mismatched,
                pending,
                7,
                4,
                3,
                3,
                completed,
                firmware,
                cluster,
                "mqtt");
    }

    @Test
    void succeeds_only_when_every_reading_window_and_command_verified() {
        assertThat(summary(1000, 0, 0, 3).ok()).isTrue();
        assertThat(summary(999, 0, 0, 3).ok()).as("a reading not acknowledged").isFalse();
        assertThat(summary(1000, 1, 0, 3).ok()).as("a window mismatched").isFalse();
        assertThat(summary(1000, 0, 1, 3).ok()).as("a window not anchored").isFalse();
        assertThat(summary(1000, 0, 0, 2).ok()).as("a command not completed").isFalse();
        assertThat(summary(1000, 0, 0, 3, false, true).ok())
                .as("the firmware campaign failed")
                .isFalse();
        assertThat(summary(1000, 0, 0, 3, true, false).ok())
                .as("the cluster failed")
                .isFalse();
    }

    @Test
    void prints_and_reads_back_its_summary_line() {
        DemoSummary summary = summary(1000, 0, 0, 3);

        assertThat(summary.line())
                .isEqualTo("DEMO devices=10 readings=1000 acked=1000 skipped=2 stored=1000 windows=5 anchored=5"
                        + " mismatched=0 pending=0 alerts=7 anomaly_events=4 caught=3 commands=3 completed=3 firmware=OK cluster=OK"
                        + " transport=mqtt"
                        + " result=OK");
        assertThat(DemoSummary.parse(summary.line())).isEqualTo(summary);
        assertThat(summary(1000, 1, 0, 3).line()).endsWith("result=FAILED");
        assertThat(summary(1000, 0, 0, 3, false, true).line()).contains("firmware=FAILED");
        DemoSummary failedCluster = summary(1000, 0, 0, 3, true, false);
        assertThat(failedCluster.line()).endsWith("cluster=FAILED transport=mqtt result=FAILED");
        assertThat(DemoSummary.parse(failedCluster.line())).isEqualTo(failedCluster);
    }

    @Test
    void describes_the_result_for_people() {
        assertThat(summary(1000, 0, 0, 3).describe())
                .contains("Anomalies:    3 of 4 labelled anomaly events (Suthaharan motes) caught by an alert")
                .contains("Result:       everything verified")
                .anySatisfy(line -> assertThat(line).startsWith("Devices:").endsWith("signed batches over mqtt)"));
        assertThat(summary(1000, 1, 0, 3).describe()).contains("Result:       NOT everything verified");
    }

    @Test
    void refuses_an_incomplete_line() {
        assertThatThrownBy(() -> DemoSummary.parse("DEMO devices=1 readings=2"))
                .isInstanceOf(IllegalArgumentException.class);
        String withoutCluster = summary(1000, 0, 0, 3).line().replace(" cluster=OK", "");
        assertThatThrownBy(() -> DemoSummary.parse(withoutCluster)).isInstanceOf(IllegalArgumentException.class);
        String noTransport = summary(1000, 0, 0, 3).line().replace(" transport=mqtt", "");
        assertThatThrownBy(() -> DemoSummary.parse(noTransport)).isInstanceOf(IllegalArgumentException.class);
    }
}
