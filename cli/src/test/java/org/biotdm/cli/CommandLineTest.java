package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private static StackOptions upOptions(String... args) {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs(args);
        return up.stackOptions;
    }

    @Nested
    class Up {
        @Test
        void defaults_to_the_projects_data_directory_and_the_standard_ports() {
            StackOptions options = upOptions();

            assertThat(options.dataDir(new Home(Path.of("/p"))).root()).isEqualTo(Path.of("/p/data"));
            assertThat(options.reset()).isFalse();
            assertThat(options.apiPort()).isEqualTo(8080);
            assertThat(options.devicePort()).isEqualTo(8443);
            assertThat(options.devnetPort()).isEqualTo(7051);
            assertThat(options.validate()).isNull();
        }

        @Test
        void takes_a_data_directory_from_the_working_directory_reset_and_ports() {
            StackOptions options = upOptions(
                    "--data-dir",
                    "stack1",
                    "--reset",
                    "--api-port",
                    "0",
                    "--device-port",
                    "9443",
                    "--devnet-port",
                    "0");

            assertThat(options.dataDir(new Home(Path.of("/p"))).root())
                    .isEqualTo(Path.of("stack1").toAbsolutePath());
            assertThat(options.reset()).isTrue();
            assertThat(options.apiPort()).isZero();
            assertThat(options.devicePort()).isEqualTo(9443);
            assertThat(options.devnetPort()).isZero();
            assertThat(options.validate()).isNull();
        }

        @Test
        void refuses_ports_out_of_range_and_one_port_for_both_listeners() {
            assertThat(upOptions("--api-port", "70000").validate()).contains("out of range");
            assertThat(upOptions("--devnet-port", "64000").validate()).contains("--devnet-port");
            assertThat(upOptions("--api-port", "9000", "--device-port", "9000").validate())
                    .contains("must differ");
        }

        @Test
        void answers_a_bad_port_with_status_2_before_starting_anything() {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new CommandLine(new UpCommand(
                            new PrintStream(new ByteArrayOutputStream()),
                            new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .execute("--api-port", "-1");

            assertThat(status).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("out of range");
        }
    }

    @Nested
    class Verify {
        @TempDir
        Path dir;

        private int run(StringBuilder errText, String... args) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new CommandLine(new VerifyCommand(
                            new PrintStream(new ByteArrayOutputStream()),
                            new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .execute(args);
            errText.append(err.toString(StandardCharsets.UTF_8));
            return status;
        }

        @Test
        void refuses_a_bad_time_with_status_2() {
            StringBuilder err = new StringBuilder();
            assertThat(run(err, "--data-dir", dir.toString(), "--from", "yesterday"))
                    .isEqualTo(2);
            assertThat(err).contains("'yesterday' is not a time");
        }

        @Test
        void refuses_an_empty_range_with_status_2() {
            StringBuilder err = new StringBuilder();
            assertThat(run(err, "--data-dir", dir.toString(), "--from", "1h", "--to", "2h"))
                    .isEqualTo(2);
            assertThat(err).contains("--from must be before --to");
        }

        @Test
        void says_no_stack_runs_with_status_3() {
            StringBuilder err = new StringBuilder();
            assertThat(run(err, "--data-dir", dir.toString())).isEqualTo(VerifyCommand.UNAVAILABLE);
            assertThat(err).contains("No stack runs on " + dir);
        }

        @Test
        void says_no_auditor_is_recorded_with_status_3() {
            StringBuilder err = new StringBuilder();
            assertThat(run(err, "--data-dir", dir.toString(), "--api-url", "http://127.0.0.1:1"))
                    .isEqualTo(VerifyCommand.UNAVAILABLE);
            assertThat(err).contains("No auditor in " + dir.resolve("credentials.properties"));
        }
    }

    @Test
    void an_unknown_command_or_option_is_a_usage_error() {
        CommandLine commandLine = BiotdmMain.commandLine();
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("fly")).isEqualTo(2);
        assertThat(commandLine.execute("up", "--no-such-option")).isEqualTo(2);
        assertThat(commandLine.execute()).isEqualTo(2);
    }
}
