package org.biotdm.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateHashesTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final List<String> PEERS =
            List.of("peer0.org1.example.com", "peer0.org2.example.com", "peer0.org3.example.com");

    private static List<String> logged(long height, String hash, String when) {
        return PEERS.stream()
                .map(peer -> "[pool-3-thread-1] INFO org.biotdm.devnet.peer.Peer - STATE peer=" + peer + " height="
                        + height + " hash=" + hash + " at=" + when)
                .toList();
    }

    @Test
    void peers_agreeing_before_and_after_a_restart_show_no_mismatch() {
        List<String> log = new ArrayList<>(logged(1, A, "start"));
        log.addAll(logged(50, B, "commit"));
        log.add("==== 2026-12-08T03:50:00Z biotdm starts the dev network: java -jar devnet.jar");
        log.addAll(logged(50, B, "replayed"));
        log.addAll(logged(63, C, "start"));

        assertThat(StateHashes.compare(log)).isEqualTo(new StateHashes(3, 1, 0));
    }

    @Test
    void one_peer_with_another_hash_at_a_height_is_a_mismatch() {
        List<String> log = new ArrayList<>(logged(50, B, "commit"));
        log.add("[main] INFO org.biotdm.devnet.peer.Peer - STATE peer=peer0.org2.example.com height=50 hash=" + C
                + " at=replayed");

        assertThat(StateHashes.compare(log)).isEqualTo(new StateHashes(1, 1, 1));
    }

    @Test
    void a_height_logged_once_is_not_compared_and_other_lines_are_ignored() {
        List<String> log = List.of(
                "[main] INFO org.biotdm.devnet.peer.Peer - STATE peer=peer0.org1.example.com height=7 hash=" + A
                        + " at=start",
                "READY devnet peers=3 connection=/tmp/connection.json",
                "STATE peer=x height=8 hash=short at=start");

        assertThat(StateHashes.compare(log)).isEqualTo(new StateHashes(0, 0, 0));
    }

    @Test
    void states_logged_only_at_starts_are_compared_between_peers_not_across_restarts() {
        List<String> log = new ArrayList<>(logged(12, A, "start"));
        log.addAll(logged(12, A, "start"));

        assertThat(StateHashes.compare(log)).isEqualTo(new StateHashes(1, 0, 0));
    }
}
