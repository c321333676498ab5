package org.biotdm.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.access.Grantee;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveEventHubTest {
    private static final ApiUser GRANTED = new ApiUser(1, "olga", "Org1MSP", ApiRole.OPERATOR, "x509::olga");
    private static final ApiUser UNGRANTED = new ApiUser(2, "oscar", "Org1MSP", ApiRole.OPERATOR, "x509::oscar");

    /** Operators see exactly the devices listed for them; the real rules live in access/. */
    private final DeviceAccess access = readableWhen((user, device) ->
            user.userId() == GRANTED.userId() && Set.of("d-1", "d-2").contains(device.deviceId()));

    /**
     * Access rules for the hub's tests: {@code canRead} as given, and every operator of the three organisations as a
     * candidate grantee of every device (so {@code canRead} alone decides); the hub uses nothing else.
     */
    static DeviceAccess readableWhen(BiPredicate<ApiUser, DeviceRecord> rule) {
        return new DeviceAccess() {
            @Override
            public boolean canRead(ApiUser user, DeviceRecord device) {
                return rule.test(user, device);
            }

            @Override
            public List<Grantee> operatorGrantees(DeviceRecord device) {
                return List.of(
                        new Grantee("Org1MSP", null), new Grantee("Org2MSP", null), new Grantee("Org3MSP", null));
            }

            @Override
            public DeviceRecord requireReadable(ApiUser user, String deviceId) {
                throw new ApiException(ErrorCode.DEVICE_ACCESS_DENIED, "no");
            }

            @Override
            public DeviceRecord requireAdministrable(ApiUser user, String deviceId) {
                throw new ApiException(ErrorCode.DEVICE_ACCESS_DENIED, "no");
            }
        };
    }

    private final LiveEventHub hub = hub(TestSettings.defaults(LiveConfiguration.class));

    private LiveEventHub hub(LiveConfiguration configuration) {
        return new LiveEventHub(configuration, access, LiveEventHubTest::device, ObjectMapper.getDefault());
    }

    private static Optional<DeviceRecord> device(String deviceId) {
        return Optional.of(new DeviceRecord(deviceId, "Org1MSP", DeviceStatus.ACTIVE, null, null, null, null, null));
    }

    private static LiveEvent event(String type, String deviceId) {
        return new LiveEvent(type, deviceId, "Org1MSP", 1_700_000_000_000L, Map.of("state", "ISSUED"));
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void delivers_only_to_sessions_whose_person_may_see_the_device() {
        RecordingSink granted = new RecordingSink("s-1", true);
        RecordingSink ungranted = new RecordingSink("s-2", true);
        hub.register(granted, GRANTED);
        hub.register(ungranted, UNGRANTED);

        hub.dispatch(event("command", "d-1"));
        hub.dispatch(event("command", "d-9"));

        assertThat(granted.events())
                .containsExactly("{\"type\":\"command\",\"deviceId\":\"d-1\",\"ownerMsp\":\"Org1MSP\","
                        + "\"timestamp\":1700000000000,\"data\":{\"state\":\"ISSUED\"}}");
        assertThat(ungranted.events()).isEmpty();
        assertThat(ungranted.sent).hasSize(1).allMatch(m -> m.startsWith("{\"type\":\"ready\""));
    }

    @Test
    void filter_narrows_devices_and_types() {
        RecordingSink sink = new RecordingSink("s-3", true);
        hub.register(sink, GRANTED);
        hub.subscribe("s-3", new LiveFilter(List.of("d-2"), List.of("alert")));

        hub.dispatch(event("alert", "d-1"));
        hub.dispatch(event("command", "d-2"));
        hub.dispatch(event("alert", "d-2"));

        assertThat(sink.events()).hasSize(1).allMatch(m -> m.contains("\"type\":\"alert\",\"deviceId\":\"d-2\""));
        assertThat(sink.sent).anyMatch(m -> m.startsWith("{\"type\":\"subscribed\""));
    }

    @Test
    void closed_sessions_get_nothing_more() {
        RecordingSink sink = new RecordingSink("s-4", true);
        hub.register(sink, GRANTED);
        hub.unregister("s-4");

        hub.dispatch(event("command", "d-1"));

        assertThat(sink.events()).isEmpty();
        assertThat(hub.sessionCount()).isZero();
    }

    @Test
    void publishing_without_sessions_queues_nothing() {
        hub.onApplicationEvent(event("command", "d-1"));

        assertThat(hub.droppedEventCount()).isZero();
    }

    @Nested
    class SlowClients {
        @Test
        void drop_the_oldest_messages_and_are_told_how_many() {
            LiveConfiguration configuration =
                    TestSettings.bind(LiveConfiguration.class, Map.of("biotdm.live.session-queue-capacity", 2));
            LiveEventHub small = hub(configuration);
            RecordingSink stuck = new RecordingSink("s-5", false);
            small.register(stuck, GRANTED);

            for (int i = 0; i < 5; i++) {
                small.dispatch(event("command", "d-1"));
            }
            stuck.release();

            assertThat(small.droppedCount("s-5")).isEqualTo(3);
            assertThat(stuck.sent.get(0)).startsWith("{\"type\":\"ready\"");
            assertThat(stuck.sent.get(1)).startsWith("{\"type\":\"dropped\"").contains("\"count\":3");
            assertThat(stuck.events()).hasSize(2);
            small.close();
        }

        @Test
        void are_closed_with_a_clear_reason_under_the_close_policy() {
            LiveConfiguration configuration = TestSettings.bind(
                    LiveConfiguration.class,
                    Map.of("biotdm.live.session-queue-capacity", 1, "biotdm.live.slow-session-policy", "CLOSE"));
            LiveEventHub small = hub(configuration);
            RecordingSink stuck = new RecordingSink("s-6", false);
            small.register(stuck, GRANTED);

            small.dispatch(event("command", "d-1"));
            small.dispatch(event("command", "d-1"));

            assertThat(stuck.closeCode).isEqualTo(4008);
            assertThat(stuck.closeReason).isEqualTo("LIVE_SLOW_CONSUMER");
            small.close();
        }
    }

    /** A sink that records messages; when not flowing, sends stay pending until {@link #release()}. */
    static final class RecordingSink implements LiveSink {
        final List<String> sent = new ArrayList<>();
        private final String id;
        private final List<CompletableFuture<Void>> pending = new ArrayList<>();
        private boolean flowing;
        volatile int closeCode;
        volatile String closeReason;

        RecordingSink(String id, boolean flowing) {
            this.id = id;
            this.flowing = flowing;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public synchronized CompletableFuture<?> send(String message) {
            sent.add(message);
            if (flowing) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        void release() {
            List<CompletableFuture<Void>> waiting;
            synchronized (this) {
                flowing = true;
                waiting = new ArrayList<>(pending);
                pending.clear();
            }
            waiting.forEach(f -> f.complete(null));
        }

        List<String> events() {
            return sent.stream()
                    .filter(m -> !m.startsWith("{\"type\":\"ready\"")
                            && !m.startsWith("{\"type\":\"subscribed\"")
                            && !m.startsWith("{\"type\":\"dropped\""))
                    .toList();
        }
    }
}
