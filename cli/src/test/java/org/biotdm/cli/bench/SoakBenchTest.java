package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.biotdm.cli.BiotdmMain;
import org.junit.jupiter.api.Test;

class SoakBenchTest {

    private static SoakBench soak(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = "soak";
        System.arraycopy(args, 0, all, 2, args.length);
        return BiotdmMain.commandLine()
                .parseArgs(all)
                .subcommand()
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
    }

    @Test
    void defaults_soak_an_hour_at_half_the_capacity_and_are_valid() {
        SoakBench defaults = soak();
        assertThat(defaults.minutes).isEqualTo(60);
        assertThat(defaults.share).isEqualTo(0.5);
        assertThat(defaults.validate()).isNull();
    }

    @Test
    void out_of_range_options_are_refused_naming_the_option() {
        assertThat(soak("--minutes", "1").validate()).contains("--minutes");
        assertThat(soak("--share", "0").validate()).contains("--share");
        assertThat(soak("--share", "NaN").validate()).contains("--share");
        assertThat(soak("--devices", "0").validate()).contains("--devices");
        assertThat(soak("--live-sessions", "6").validate()).contains("--live-sessions");
        assertThat(soak("--sample-every", "0").validate()).contains("--sample-every");
    }

    @Test
    void threads_are_read_from_this_processs_own_status() throws IOException {
        int threads = SoakProbe.threads(Files.readString(Path.of("/proc/self/status")));
        assertThat(threads).isGreaterThanOrEqualTo(Thread.activeCount());
        assertThatThrownBy(() -> SoakProbe.threads("Name:\tjava\n")).isInstanceOf(IOException.class);
    }

    @Test
    void bytes_per_reading_is_unknown_before_any_reading_is_stored() {
        assertThat(new SoakProbe.Sample(1, 1, 1, 1, 0, 16384).bytesPerReading()).isNaN();
        assertThat(new SoakProbe.Sample(1, 1, 1, 1, 4, 400).bytesPerReading()).isEqualTo(100.0);
    }
}
