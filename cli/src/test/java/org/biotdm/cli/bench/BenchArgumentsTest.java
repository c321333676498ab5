package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.biotdm.cli.BiotdmMain;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
import org.biotdm.cli.KeyValues;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchArgumentsTest {

    private static CommandLine.ParseResult parse(String... args) {
        return BiotdmMain.commandLine().parseArgs(args);
    }

    private static <T> T bench(String name, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = name;
        System.arraycopy(args, 0, all, 2, args.length);
        return parse(all).subcommand().subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void bench_lists_commands_verify_and_devnet() {
        CommandLine bench = BiotdmMain.commandLine().getSubcommands().get("bench");
        assertThat(bench.getSubcommands()).containsKeys("commands", "verify", "devnet", "connections", "onboarding");
    }

    @Test
    void onboarding_defaults_to_the_issue_s_fleet_and_refuses_bad_counts() {
        OnboardingBench defaults = bench("onboarding");
        assertThat(defaults.devices).isEqualTo(50_000);
        assertThat(defaults.validate()).isNull();
        assertThat(((OnboardingBench) bench("onboarding", "--devices", "0")).validate())
                .contains("--devices");
        assertThat(((OnboardingBench) bench("onboarding", "--baseline", "0")).validate())
                .contains("--baseline");
        assertThat(((OnboardingBench) bench("onboarding", "--parallel", "17")).validate())
                .contains("--parallel");
        assertThat(((OnboardingBench) bench("onboarding", "--concurrency", "0")).validate())
                .contains("--concurrency");
    }

    @Test
    void onboarding_figures_are_devices_per_second_with_the_in_run_baseline() {
        OnboardingBench.Figures figures = new OnboardingBench.Figures();
        figures.register = 2_000_000_000L;
        figures.registerSingle = 1_000_000_000L;
        figures.claim = 4_000_000_000L;
        figures.claimSingle = 2_000_000_000L;

        assertThat(KeyValues.parse("BENCH", figures.line(2_000, 100, 64, 0).replaceFirst("^BENCH onboarding", "BENCH")))
                .containsEntry("register_per_s", "1000")
                .containsEntry("register_single_per_s", "100")
                .containsEntry("claim_per_s", "500")
                .containsEntry("claim_single_per_s", "50.0")
                .containsEntry("register_speedup", "10.0")
                .containsEntry("claim_speedup", "10.0")
                .containsEntry("target_per_s", "1000")
                .containsEntry("failed", "0");
    }

    @Test
    void commands_defaults_are_valid_and_bad_counts_are_refused() {
        CommandsBench defaults = bench("commands");
        assertThat(defaults.commands).isEqualTo(100);
        assertThat(defaults.devices).isEqualTo(4);
        assertThat(defaults.validate()).isNull();
        assertThat(((CommandsBench) bench("commands", "--commands", "0")).validate())
                .contains("--commands");
        assertThat(((CommandsBench) bench("commands", "--devices", "0")).validate())
                .contains("--devices");
        assertThat(((CommandsBench) bench("commands", "--warmup", "-1")).validate())
                .contains("--warmup");
        CommandsBench chosen = bench("commands", "--commands", "20", "--devices", "2", "--data-dir", "/tmp/x");
        assertThat(chosen.validate()).isNull();
        assertThat(chosen.benchStack.dataDir).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void an_invalid_count_exits_2_without_starting_a_stack() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandsBench command = new CommandsBench();
        command.console = Console.of(
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = new CommandLine(command).execute("--commands", "0");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--commands must be 1-100000");
    }

    @Test
    void verify_and_devnet_arguments_are_checked() {
        assertThat(((VerifyBench) bench("verify")).validate()).isNull();
        assertThat(((VerifyBench) bench("verify", "--rounds", "0")).validate()).contains("--rounds");
        assertThat(((VerifyBench) bench("verify", "--rows", "0")).validate()).contains("--rows");
        DevnetBench devnet = bench("devnet", "8", "5");
        assertThat(devnet.validate()).isNull();
        assertThat(devnet.command(new Home(Path.of("/p")))).containsExactly("/p/scripts/bench-devnet", "8", "5");
        DevnetBench defaults = bench("devnet");
        assertThat(defaults.clients).isEqualTo(96);
        assertThat(defaults.seconds).isEqualTo(20);
        assertThat(((DevnetBench) bench("devnet", "0")).validate()).contains("clients");
        assertThat(DevnetBench.lastBenchLine(List.of("BENCH devnet a=1", "BENCH devnet a=2")))
                .isEqualTo("BENCH devnet a=2");
        assertThat(DevnetBench.lastBenchLine(List.of())).isNull();
    }

    @Test
    void leaves_follow_the_gateway_encoding_and_the_root_combines_them() throws Exception {
        byte[] leaf = VerifyBench.leaf("mote-1", 42, "humidity", 1_700_000_000_000L, "N", "45.93", "%RH");
        assertThat(new String(leaf, StandardCharsets.UTF_8))
                .isEqualTo("biotdm-leaf-v1|6:mote-1|42|8:humidity|1700000000000|1:N|5:45.93|3:%RH");
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        byte[] single = sha.digest(leaf);
        assertThat(VerifyBench.merkleRoot(List.of(leaf))).isEqualTo(single);
        byte[] other = VerifyBench.leaf("mote-1", 42, "humidity", 1L, "N", "1", null);
        sha.update((byte) 0);
        byte[] otherHash = sha.digest(other);
        sha.update((byte) 1);
        sha.update(single);
        byte[] pair = sha.digest(otherHash);
        assertThat(HexFormat.of().formatHex(VerifyBench.merkleRoot(List.of(leaf, other))))
                .isEqualTo(HexFormat.of().formatHex(pair));
        assertThat(VerifyBench.merkleRoot(List.of())).isEmpty();
        assertThat(VerifyBench.sampleLeaves(List.of(), 5)).hasSize(5);
    }

    @Test
    void connections_defaults_aim_at_the_target_and_bad_values_are_refused() {
        ConnectionsBench defaults = bench("connections");
        assertThat(defaults.devices).isEqualTo(ConnectionsBench.TARGET_DEVICES);
        assertThat(defaults.validate()).isNull();
        assertThat(((ConnectionsBench) bench("connections", "--wait", "61")).validate())
                .contains("--wait");
        assertThat(((ConnectionsBench) bench("connections", "--devices", "0")).validate())
                .contains("--devices");
        assertThat(((ConnectionsBench) bench("connections", "--client-heap", "lots")).validate())
                .contains("--client-heap");
    }
}
