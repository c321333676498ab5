package org.biotdm.device.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PushedCommandsTest {
    private final PushedCommands pushed = new PushedCommands();

    private static Mqtt5Publish command(String id) {
        return Mqtt5Publish.builder()
                .topic("biotdm/v1/devices/d-1/commands")
                .payload(("{\"commandId\":\"" + id + "\"}").getBytes(UTF_8))
                .build();
    }

    @Test
    void a_waiting_poll_is_answered_with_the_next_pushed_command() throws Exception {
        CompletableFuture<String> poll = pushed.next(30, TimeUnit.SECONDS);
        assertThat(poll).isNotDone();

        pushed.add(command("c-1"));

        assertThat(poll.get(5, TimeUnit.SECONDS)).isEqualTo("{\"commands\":[{\"commandId\":\"c-1\"}]}");
    }

    @Test
    void commands_pushed_before_a_poll_are_all_handed_to_it_once() throws Exception {
        pushed.add(command("c-1"));
        pushed.add(command("c-2"));

        assertThat(pushed.next(30, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
                .isEqualTo("{\"commands\":[{\"commandId\":\"c-1\"},{\"commandId\":\"c-2\"}]}");
        assertThat(pushed.next(0, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS)).isEqualTo("{\"commands\":[]}");
    }

    @Test
    void a_poll_whose_wait_runs_out_gets_no_commands() throws Exception {
        assertThat(pushed.next(50, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS))
                .isEqualTo("{\"commands\":[]}");
    }

    @Test
    void at_most_the_bound_is_held_and_the_oldest_go_first() throws Exception {
        for (int i = 0; i < PushedCommands.MAX_HELD + 2; i++) {
            pushed.add(command("c-" + i));
        }

        String body = pushed.next(0, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        assertThat(body)
                .doesNotContain("\"c-0\"", "\"c-1\"")
                .contains("\"c-2\"", "\"c-" + (PushedCommands.MAX_HELD + 1) + "\"");
    }
}
