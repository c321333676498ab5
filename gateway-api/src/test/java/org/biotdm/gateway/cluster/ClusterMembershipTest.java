package org.biotdm.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.biotdm.gateway.device.DeviceChangedEvent;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.group.GroupPolicyBody;
import org.biotdm.gateway.group.LedgerGroup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClusterMembershipTest {
    private static final String KEY = "-----BEGIN PUBLIC KEY-----\nkey\n-----END PUBLIC KEY-----\n";

    private final Map<String, DeviceRecord> ledger = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final DeviceRegistry registry = deviceId -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(ledger.get(deviceId));
    };
    private final GroupDirectory groups = new GroupDirectory();
    private final GroupClusterMembership rule = new GroupClusterMembership(registry, groups);

    ClusterMembershipTest() {
        put("head-1", DeviceStatus.ACTIVE, "mote-room-1", KEY);
        put("mote-a", DeviceStatus.ACTIVE, "mote-room-1", KEY);
        group("mote-room-1", "head-1", "head-1", "mote-a", "mote-unclaimed", "mote-s", "mote-d");
    }

    @Nested
    class Ledger_group_rule {
        @Test
        void vouches_for_an_active_member_of_the_heads_group_with_its_key() {
            assertThat(rule.require("head-1", "mote-a")).isEqualTo(new ClusterMember("mote-a", "mote-room-1", KEY));
        }

        @Test
        void refuses_an_unknown_or_unclaimed_member() {
            put("mote-unclaimed", DeviceStatus.PROVISIONED, "mote-room-1", null);

            assertRefused(() -> rule.require("head-1", "mote-nobody"), ErrorCode.CLUSTER_MEMBER_UNKNOWN);
            assertRefused(() -> rule.require("head-1", "mote-unclaimed"), ErrorCode.CLUSTER_MEMBER_UNKNOWN);
        }

        @Test
        void refuses_a_suspended_or_decommissioned_member() {
            put("mote-s", DeviceStatus.SUSPENDED, "mote-room-1", KEY);
            put("mote-d", DeviceStatus.DECOMMISSIONED, "mote-room-1", KEY);

            assertRefused(() -> rule.require("head-1", "mote-s"), ErrorCode.CLUSTER_MEMBER_NOT_ACTIVE);
            assertRefused(() -> rule.require("head-1", "mote-d"), ErrorCode.CLUSTER_MEMBER_NOT_ACTIVE);
        }

        @Test
        void refuses_a_member_of_another_cluster_and_any_member_of_a_head_without_one() {
            put("mote-far", DeviceStatus.ACTIVE, "mote-room-2", KEY);
            put("head-none", DeviceStatus.ACTIVE, null, KEY);

            assertRefused(() -> rule.require("head-1", "mote-far"), ErrorCode.CLUSTER_PAIR_FOREIGN);
            assertRefused(() -> rule.require("head-none", "mote-a"), ErrorCode.CLUSTER_PAIR_FOREIGN);
        }

        @Test
        void refuses_a_device_its_group_does_not_list_and_a_group_that_names_another_head_or_none() {
            put("mote-stale", DeviceStatus.ACTIVE, "mote-room-1", KEY);
            put("mote-b", DeviceStatus.ACTIVE, "mote-room-3", KEY);
            put("mote-c", DeviceStatus.ACTIVE, "mote-room-4", KEY);
            group("mote-room-3", "head-9", "head-9", "mote-b");
            group("mote-room-4", null, "mote-c");

            assertRefused(() -> rule.require("head-1", "mote-stale"), ErrorCode.CLUSTER_PAIR_FOREIGN);
            assertRefused(() -> rule.require("head-1", "mote-b"), ErrorCode.CLUSTER_PAIR_FOREIGN);
            assertRefused(() -> rule.require("head-1", "mote-c"), ErrorCode.CLUSTER_PAIR_FOREIGN);
        }

        @Test
        void a_member_may_ask_about_its_head_but_not_about_another_member() {
            put("mote-b", DeviceStatus.ACTIVE, "mote-room-1", KEY);
            group("mote-room-1", "head-1", "head-1", "mote-a", "mote-b");

            assertThat(rule.require("mote-a", "head-1")).isEqualTo(new ClusterMember("head-1", "mote-room-1", KEY));
            assertRefused(() -> rule.require("mote-a", "mote-b"), ErrorCode.CLUSTER_PAIR_FOREIGN);
        }

        @Test
        void refuses_the_head_as_its_own_member() {
            assertRefused(() -> rule.require("head-1", "head-1"), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class Cache {
        @Test
        void reuses_an_answer_within_its_ttl_refusals_included() {
            CachedClusterMembership cached = cached(Duration.ofSeconds(2));
            cached.require("head-1", "mote-a");
            assertRefused(() -> cached.require("head-1", "mote-nobody"), ErrorCode.CLUSTER_MEMBER_UNKNOWN);
            int afterFirst = lookups.get();

            cached.require("head-1", "mote-a");
            assertRefused(() -> cached.require("head-1", "mote-nobody"), ErrorCode.CLUSTER_MEMBER_UNKNOWN);

            assertThat(lookups.get()).isEqualTo(afterFirst);
        }

        @Test
        void refuses_a_member_suspended_on_the_ledger_as_soon_as_the_registry_reports_it() {
            CachedClusterMembership cached = cached(Duration.ofSeconds(2));
            cached.require("head-1", "mote-a");

            DeviceRecord suspended = put("mote-a", DeviceStatus.SUSPENDED, "mote-room-1", KEY);
            cached.onDeviceChanged(new DeviceChangedEvent(suspended, "DeviceSuspended", "tx-1", 7));

            assertRefused(() -> cached.require("head-1", "mote-a"), ErrorCode.CLUSTER_MEMBER_NOT_ACTIVE);
        }

        @Test
        void asks_again_once_the_ttl_ran_out_even_without_an_event() throws InterruptedException {
            CachedClusterMembership cached = cached(Duration.ofMillis(50));
            cached.require("head-1", "mote-a");
            put("mote-a", DeviceStatus.SUSPENDED, "mote-room-1", KEY);

            Thread.sleep(120);

            assertRefused(() -> cached.require("head-1", "mote-a"), ErrorCode.CLUSTER_MEMBER_NOT_ACTIVE);
        }

        @Test
        void refuses_a_ttl_over_two_seconds() {
            assertThatThrownBy(() -> configuration(Duration.ofMillis(2001)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 2s");
        }
    }

    private CachedClusterMembership cached(Duration ttl) {
        return new CachedClusterMembership(rule, configuration(ttl));
    }

    private static ClusterConfiguration configuration(Duration ttl) {
        return new ClusterConfiguration(ttl, 100, Duration.ofSeconds(30), Duration.ofSeconds(5), 100);
    }

    private void group(String groupId, String head, String... members) {
        groups.apply(new LedgerGroup(
                groupId,
                "Org1MSP",
                null,
                List.of(members),
                new GroupPolicyBody(List.of("reboot"), null, head, false),
                List.of("Org1MSP"),
                1L,
                1L,
                null,
                null));
    }

    private DeviceRecord put(String deviceId, DeviceStatus status, String group, String key) {
        DeviceRecord record = new DeviceRecord(deviceId, "Org1MSP", status, null, key, group, null, null);
        ledger.put(deviceId, record);
        return record;
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code())
                .isEqualTo(code));
    }
}
