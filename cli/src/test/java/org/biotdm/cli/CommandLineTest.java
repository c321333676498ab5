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

    @Test
    void replay_help_offers_the_data_directory_s_server_certificate_as_the_default() {
        CommandLine commandLine = BiotdmMain.commandLine();
        String usage = commandLine.getSubcommands().get("replay").getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage)
                .contains("[--server-cert=FILE]")
                .contains("DIR/gateway/ingress/server-cert.pem")
                .doesNotContain("<data-dir>/ingress/");
    }

    @Test
    void audit_without_a_subcommand_and_with_bad_times_are_usage_errors() {
        CommandLine commandLine = BiotdmMain.commandLine();
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("audit")).isEqualTo(2);
        assertThat(commandLine.execute("audit", "verify", "--from", "yesterday"))
                .isEqualTo(2);
        assertThat(commandLine.execute("audit", "anchors", "--from", "1h", "--to", "2h"))
                .isEqualTo(2);
    }
}
