package org.biotdm.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.biotdm.cli.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {
    private static VerifyCommand command(ByteArrayOutputStream err) {
        VerifyCommand verify = new VerifyCommand();
        verify.console = Console.of(
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        return verify;
    }

    @TempDir
    Path dir;

    private int run(StringBuilder errText, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(command(err)).execute(args);
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
