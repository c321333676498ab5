package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    @Test
    void an_unknown_command_or_option_is_a_usage_error() {
        CommandLine commandLine = BiotdmMain.commandLine();
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("fly")).isEqualTo(2);
        assertThat(commandLine.execute("up", "--no-such-option")).isEqualTo(2);
        assertThat(commandLine.execute()).isEqualTo(2);
    }
}
