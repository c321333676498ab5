package org.biotdm.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.live.LiveEventHubTest.RecordingSink;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserDisabled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's session index, its per-person cap, and the sessions it closes when their authorisation ends. */
class LiveSessionLimitsTest {
    private static final ApiUser ORG1_AUDITOR = new ApiUser(1, "audrey", "Org1MSP", ApiRole.AUDITOR, "x509::audrey");

    private final AtomicInteger checks = new AtomicInteger();

    /** The owner organisation's admins and auditors see its devices; every check is counted. */
    private final DeviceAccess access = LiveEventHubTest.readableWhen((user, device) -> {
        checks.incrementAndGet();
        return user.mspId().equals(device.ownerMsp());
    });

    private final LiveConfiguration configuration = TestSettings.defaults(LiveConfiguration.class);
    private final LiveEventHub hub = new LiveEventHub(
            configuration,
            access,
            id -> Optional.of(new DeviceRecord(id, "Org1MSP", DeviceStatus.ACTIVE, null, null, null, null, null)),
            ObjectMapper.getDefault());

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void an_event_is_checked_only_against_sessions_of_its_owner_organisation() {
        for (int i = 0; i < 200; i++) {
            hub.register(
                    new RecordingSink("idle-" + i, true),
                    new ApiUser(100 + i, "aud" + i, "Org2MSP", ApiRole.AUDITOR, "x509::aud" + i));
        }
        RecordingSink owner = new RecordingSink("owner", true);
        hub.register(owner, ORG1_AUDITOR);

        hub.dispatch(new LiveEvent("telemetry", "d-1", "Org1MSP", 1_700_000_000_000L, Map.of()));

        assertThat(owner.events()).hasSize(1);
        assertThat(checks)
                .as("access checks for one event with 200 idle foreign sessions")
                .hasValue(1);
    }

    @Test
    void a_person_past_the_cap_loses_their_oldest_session() {
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i <= configuration.maxSessionsPerUser(); i++) {
            sinks.add(new RecordingSink("s-" + i, true));
            hub.register(sinks.get(i), ORG1_AUDITOR);
        }

        assertThat(sinks.get(0).closeCode).isEqualTo(LiveSession.TOO_MANY_CLOSE_CODE);
        assertThat(sinks.get(0).closeReason).isEqualTo("LIVE_TOO_MANY_SESSIONS");
        assertThat(sinks.subList(1, sinks.size()))
                .allSatisfy(s -> assertThat(s.closeCode).isZero());
        assertThat(hub.sessionCount()).isEqualTo(configuration.maxSessionsPerUser());
    }

    @Test
    void disabling_a_person_closes_every_session_of_theirs_and_no_other() {
        RecordingSink first = new RecordingSink("a", true);
        RecordingSink second = new RecordingSink("b", true);
        RecordingSink other = new RecordingSink("c", true);
        hub.register(first, ORG1_AUDITOR);
        hub.register(second, ORG1_AUDITOR);
        hub.register(other, new ApiUser(2, "ada", "Org1MSP", ApiRole.ADMIN, "x509::ada"));

        hub.onUserDisabled(new UserDisabled(ORG1_AUDITOR.userId(), ORG1_AUDITOR.username()));
        hub.dispatch(new LiveEvent("telemetry", "d-1", "Org1MSP", 1_700_000_000_000L, Map.of()));

        assertThat(List.of(first, second)).allSatisfy(s -> {
            assertThat(s.closeCode).isEqualTo(LiveSession.AUTH_CLOSE_CODE);
            assertThat(s.closeReason).isEqualTo("AUTH_INVALID");
            assertThat(s.events()).isEmpty();
        });
        assertThat(other.closeCode).isZero();
        assertThat(other.events()).hasSize(1);
        assertThat(hub.sessionCount()).isEqualTo(1);
    }

    @Test
    void a_session_closes_when_its_access_token_expires() throws InterruptedException {
        RecordingSink expiring = new RecordingSink("e", true);
        RecordingSink lasting = new RecordingSink("l", true);
        hub.register(expiring, ORG1_AUDITOR, System.currentTimeMillis() + 300);
        hub.register(lasting, ORG1_AUDITOR, System.currentTimeMillis() + 3_600_000);

        long deadline = System.currentTimeMillis() + 10_000;
        while ((hub.sessionCount() > 1 || expiring.closeCode == 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }

        assertThat(expiring.closeCode).isEqualTo(LiveSession.AUTH_CLOSE_CODE);
        assertThat(expiring.closeReason).isEqualTo("AUTH_INVALID");
        assertThat(lasting.closeCode).isZero();
        assertThat(hub.sessionCount()).isEqualTo(1);
    }
}
