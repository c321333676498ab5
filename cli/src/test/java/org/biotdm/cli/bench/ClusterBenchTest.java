package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.biotdm.cli.Console;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterBenchTest {

    @Test
    void issues_every_key_and_prints_its_figures_as_the_last_line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClusterBench bench = new ClusterBench();
        bench.console = Console.of(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));

        int status = new CommandLine(bench).execute("--members", "4", "--keys", "6");

        assertThat(status).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines[lines.length - 1])
                .startsWith("BENCH cluster members=4 keys=6 joins_per_s=")
                .contains(" keys_per_s=", " issue_p50_ms=", " issue_p99_ms=", " ecdsa_verify_per_s=");
    }

    @Test
    void refuses_a_cluster_of_one_member() {
        ClusterBench bench = new ClusterBench();
        bench.console = Console.of(
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));

        assertThat(new CommandLine(bench).execute("--members", "1")).isEqualTo(Console.USAGE);
    }
}
