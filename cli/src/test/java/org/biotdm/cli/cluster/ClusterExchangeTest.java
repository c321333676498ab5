package org.biotdm.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.biotdm.device.sdk.ClusterHead;
import org.biotdm.device.sdk.ClusterMember;
import org.biotdm.device.sdk.DeviceKeys;
import org.biotdm.device.sdk.LocalClusterDirectory;
import org.biotdm.device.sim.ClusterSimulation;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.junit.jupiter.api.Test;

class ClusterExchangeTest {
    private final LocalClusterDirectory directory = new LocalClusterDirectory();
    private final DeviceKeys headKeys = DeviceKeys.generate();
    private final List<String> log = new ArrayList<>();
    private final ClusterExchange exchange = new ClusterExchange(null, null, null, log::add);
    private final ClusterSimulation cluster = new ClusterSimulation(
            new ClusterHead("head", headKeys, directory, System::currentTimeMillis, 600_000, 16),
            "head",
            headKeys.publicParameters(),
            log::add);

    private ClusterMember member(String id) {
        DeviceKeys keys = DeviceKeys.generate();
        directory.add(id, keys.publicParameters());
        return new ClusterMember(id, "head", keys, System::currentTimeMillis);
    }

    @Test
    void exchanges_the_messages_and_sees_a_forged_and_a_replayed_message_refused() throws Exception {
        ClusterMember alpha = member("mote-a");
        ClusterMember bravo = member("mote-b");

        String tail = exchange.exchange(cluster, alpha, bravo, List.of("1 2 0.5", "3 4 0.25"), 3);

        assertThat(tail)
                .matches(" grant=[0-9a-f]{64} messages=6 refused=CLUSTER_MESSAGE_INVALID,CLUSTER_NONCE_REUSED"
                        + " result=OK");
        assertThat(directory.grantHashes()).singleElement().satisfies(hash -> assertThat(tail)
                .contains("grant=" + hash));
        assertThat(log).filteredOn(line -> line.startsWith("MSG ")).hasSize(6);
        assertThat(log)
                .filteredOn(line -> line.startsWith("REFUSED mote-a -> mote-b: "))
                .hasSize(2);
    }

    @Test
    void a_member_suspended_in_the_directory_gets_no_key() {
        ClusterMember alpha = member("mote-a");
        ClusterMember bravo = member("mote-b");
        directory.suspend("mote-b");

        assertThatThrownBy(() -> exchange.exchange(cluster, alpha, bravo, List.of("x"), 1))
                .isInstanceOfSatisfying(ClusterRefusedException.class, e -> assertThat(e.error())
                        .isEqualTo(ClusterError.CLUSTER_MEMBER_NOT_ACTIVE));
        assertThat(directory.grantHashes()).isEmpty();
    }
}
