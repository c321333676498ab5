package org.biotdm.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpCommandTest {

    private static StackOptions upOptions(String... args) {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs(args);
        return up.stackOptions;
    }

    private static UpCommand command(ByteArrayOutputStream err) {
        UpCommand up = new UpCommand();
        up.console = Console.of(
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        return up;
    }

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
                "--data-dir", "stack1", "--reset", "--api-port", "0", "--device-port", "9443", "--devnet-port", "0");

        assertThat(options.dataDir(new Home(Path.of("/p"))).root())
                .isEqualTo(Path.of("stack1").toAbsolutePath());
        assertThat(options.reset()).isTrue();
        assertThat(options.apiPort()).isZero();
        assertThat(options.devicePort()).isEqualTo(9443);
        assertThat(options.devnetPort()).isZero();
        assertThat(options.validate()).isNull();
    }

    @Test
    void mqtt_listens_on_8883_follows_a_free_device_port_and_can_be_turned_off() {
        assertThat(upOptions().mqttPort()).isEqualTo(8883);
        assertThat(upOptions("--device-port", "0").mqttPort()).isZero();
        assertThat(upOptions("--device-port", "0", "--mqtt-port", "1883").mqttPort())
                .isEqualTo(1883);
        assertThat(upOptions("--mqtt-port", "-1").mqttPort()).isEqualTo(-1);
        assertThat(upOptions("--mqtt-port", "8443").validate()).contains("--mqtt-port must differ");
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
        int status = new CommandLine(command(err)).execute("--api-port", "-1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("out of range");
    }
}
