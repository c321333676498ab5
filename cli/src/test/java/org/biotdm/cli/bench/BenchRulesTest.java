package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchRulesTest {

    @Test
    void the_line_compares_rate_and_cpu_per_reading_of_the_two_windows() {
        BenchRules.Window off = new BenchRules.Window(200_000, 10, 4_000_000_000L);
        BenchRules.Window on = new BenchRules.Window(150_000, 10, 4_500_000_000L);

        assertThat(BenchRules.fields(off, on, 8))
                .isEqualTo("rules=8 matching=4 off_readings_per_s=20000 on_readings_per_s=15000 on_to_off=0.750"
                        + " off_cpu_us_per_reading=20.0 on_cpu_us_per_reading=30.0 added_cpu_us_per_reading=10.0");
    }

    @Test
    void a_window_without_readings_has_no_cpu_per_reading() {
        BenchRules.Window none = new BenchRules.Window(0, 10, 1_000_000_000L);

        assertThat(none.cpuMicrosPerReading()).isNaN();
        assertThat(BenchRules.fields(none, none, 1)).contains("on_to_off=NaN", "added_cpu_us_per_reading=NaN");
    }

    @Test
    void even_rules_match_every_reading_and_odd_ones_none_each_on_its_own_sensor() {
        Map<?, ?> first =
                (Map<?, ?>) BenchRules.request(0, "bench-00000", "run").get("condition");
        Map<?, ?> second =
                (Map<?, ?>) BenchRules.request(1, "bench-00001", "run").get("condition");
        Map<?, ?> sixth =
                (Map<?, ?>) BenchRules.request(5, "bench-00001", "run").get("condition");

        assertThat(first.get("sensor")).isEqualTo("temperature");
        assertThat(Double.parseDouble((String) first.get("threshold"))).isLessThan(-1e6);
        assertThat(second.get("sensor")).isEqualTo("humidity");
        assertThat(Double.parseDouble((String) second.get("threshold"))).isGreaterThan(1e6);
        assertThat(sixth.get("sensor")).isEqualTo("temperature");
        assertThat(BenchRules.matching(7)).isEqualTo(4);
        assertThat(BenchRules.request(3, "bench-00003", "run").get("ruleId")).isEqualTo("bench-run-3");
    }

    @Test
    void rules_out_of_range_or_over_mqtt_are_refused() {
        IngestBenchCommand command = new IngestBenchCommand();
        new CommandLine(command).parseArgs("--rules", "1001");
        assertThat(command.validate()).isEqualTo("--rules must be 0-1000");

        new CommandLine(command).parseArgs("--rules", "4", "--transport", "mqtt");
        assertThat(command.validate()).contains("HTTPS only");

        new CommandLine(command).parseArgs("--rules", "4");
        assertThat(command.validate()).isNull();
    }
}
