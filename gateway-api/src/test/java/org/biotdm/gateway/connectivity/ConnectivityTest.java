package org.biotdm.gateway.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.gateway.live.LiveEvent;
import org.junit.jupiter.api.Test;

class ConnectivityTest {
    private static final long T0 = 1_733_580_000_000L;
    private static final long TIMEOUT = 120_000;

    private final List<LiveEvent> events = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private boolean databaseDown;
    private final Connectivity connectivity = new Connectivity(
            (deviceId, lastActivityAt, connectedAt) -> {
                if (databaseDown) {
                    throw new SQLException("down");
                }
                writes.add(deviceId + " seen " + (lastActivityAt - T0) + " connected " + (connectedAt - T0));
            },
            events::add,
            new ConnectivityConfiguration(Duration.ofMillis(TIMEOUT), Duration.ofSeconds(5)));

    private List<String> states() {
        return events.stream()
                .map(e -> e.type() + " " + e.deviceId() + " " + e.data().get("state"))
                .toList();
    }

    @Test
    void the_first_activity_publishes_online_once_and_later_activity_only_moves_last_seen() {
        connectivity.touch("mote-1", "Org1MSP", T0);
        connectivity.touch("mote-1", "Org1MSP", T0 + 1_000);
        connectivity.touch("mote-1", "Org1MSP", T0 + 2_000);

        assertThat(states()).containsExactly("connectivity mote-1 online");
        assertThat(events.get(0).ownerMsp()).isEqualTo("Org1MSP");
        assertThat(connectivity.isOnline("mote-1", T0 + 2_000 + TIMEOUT - 1)).isTrue();
    }

    @Test
    void a_flush_writes_each_active_device_once_and_nothing_when_nothing_happened() {
        connectivity.touch("mote-1", "Org1MSP", T0);
        connectivity.touch("mote-1", "Org1MSP", T0 + 3_000);
        connectivity.touch("mote-2", "Org1MSP", T0 + 4_000);

        connectivity.flush(T0 + 5_000);
        connectivity.flush(T0 + 10_000);

        assertThat(writes).containsExactlyInAnyOrder("mote-1 seen 3000 connected 0", "mote-2 seen 4000 connected 4000");
    }

    @Test
    void a_device_silent_for_the_timeout_goes_offline_and_its_next_activity_is_a_new_connection() {
        connectivity.touch("mote-1", "Org1MSP", T0);
        connectivity.flush(T0 + TIMEOUT - 1);
        connectivity.flush(T0 + TIMEOUT);

        assertThat(states()).containsExactly("connectivity mote-1 online", "connectivity mote-1 offline");
        assertThat(connectivity.isOnline("mote-1", T0 + TIMEOUT)).isFalse();

        connectivity.touch("mote-1", "Org1MSP", T0 + TIMEOUT + 50_000);
        connectivity.flush(T0 + TIMEOUT + 51_000);

        assertThat(states()).endsWith("connectivity mote-1 online");
        assertThat(writes).last().isEqualTo("mote-1 seen " + (TIMEOUT + 50_000) + " connected " + (TIMEOUT + 50_000));
    }

    @Test
    void a_silence_longer_than_the_timeout_seen_before_any_flush_still_ends_the_connection() {
        connectivity.touch("mote-1", "Org1MSP", T0);
        connectivity.touch("mote-1", "Org1MSP", T0 + TIMEOUT);

        assertThat(states())
                .containsExactly(
                        "connectivity mote-1 online", "connectivity mote-1 offline", "connectivity mote-1 online");
    }

    @Test
    void activity_that_could_not_be_written_is_written_at_the_next_flush() {
        connectivity.touch("mote-1", "Org1MSP", T0);
        databaseDown = true;
        connectivity.flush(T0 + 5_000);
        databaseDown = false;
        connectivity.flush(T0 + 10_000);

        assertThat(writes).containsExactly("mote-1 seen 0 connected 0");
    }
}
