package org.biotdm.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.access.GrantDeviceAccess;
import org.biotdm.gateway.access.Grantee;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.grant.GrantIndex;
import org.biotdm.gateway.grant.Grants;
import org.biotdm.gateway.grant.LedgerGrant;
import org.biotdm.gateway.live.LiveEventHubTest.RecordingSink;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which operators' live sessions an event reaches and which sessions the hub even looks at, with the real access
 * rules ({@link GrantDeviceAccess} on a {@link GrantIndex}): only the grantees of the grants in force on the event's
 * device are candidates, a grant given or revoked later counts from the next event, and idle sessions are never
 * checked. Every {@code canRead} the hub asks is counted.
 */
class LiveGrantAudienceTest {
    private static final String DEVICE = "mote-7";
    private static final long IN_AN_HOUR = System.currentTimeMillis() + 3_600_000;

    private final GrantIndex grants = new GrantIndex();
    private final Map<String, DeviceRecord> devices =
            Map.of(DEVICE, new DeviceRecord(DEVICE, "Org1MSP", DeviceStatus.ACTIVE, null, null, "lab", null, null));
    private final AtomicInteger checks = new AtomicInteger();
    private final LiveEventHub hub = new LiveEventHub(
            TestSettings.defaults(LiveConfiguration.class),
            counting(new GrantDeviceAccess(id -> Optional.ofNullable(devices.get(id)), grants)),
            id -> Optional.ofNullable(devices.get(id)),
            ObjectMapper.getDefault());

    @AfterEach
    void close() {
        hub.close();
    }

    private DeviceAccess counting(DeviceAccess rules) {
        return new DeviceAccess() {
            @Override
            public boolean canRead(ApiUser user, DeviceRecord device) {
                checks.incrementAndGet();
                return rules.canRead(user, device);
            }

            @Override
            public List<Grantee> operatorGrantees(DeviceRecord device) {
                return rules.operatorGrantees(device);
            }

            @Override
            public DeviceRecord requireReadable(ApiUser user, String deviceId) {
                return rules.requireReadable(user, deviceId);
            }

            @Override
            public DeviceRecord requireAdministrable(ApiUser user, String deviceId) {
                return rules.requireAdministrable(user, deviceId);
            }
        };
    }

    private static ApiUser operator(long id, String msp) {
        return new ApiUser(id, "op" + id, msp, ApiRole.OPERATOR, "x509::CN=op" + id + "::CN=ca." + msp);
    }

    private static LedgerGrant grant(String grantId, String granteeMsp, String granteeId, String status) {
        return Grants.grant(grantId, "Org1MSP", granteeMsp, granteeId, DEVICE, null, IN_AN_HOUR, status);
    }

    private RecordingSink open(ApiUser user) {
        RecordingSink sink = new RecordingSink("s-" + user.userId(), true);
        hub.register(sink, user);
        return sink;
    }

    private void dispatch() {
        hub.dispatch(new LiveEvent("telemetry", DEVICE, "Org1MSP", System.currentTimeMillis(), Map.of()));
    }

    @Test
    void an_operator_without_a_grant_on_the_device_gets_nothing_and_is_not_even_checked() {
        RecordingSink ungranted = open(operator(1, "Org1MSP"));

        dispatch();

        assertThat(ungranted.events()).isEmpty();
        assertThat(checks).hasValue(0);
    }

    @Test
    void a_grant_given_later_is_honoured_from_the_next_event_and_a_revocation_likewise() {
        ApiUser olga = operator(1, "Org2MSP");
        RecordingSink session = open(olga);
        dispatch();

        grants.apply(grant("g-1", "Org2MSP", olga.fabricId(), LedgerGrant.ACTIVE));
        dispatch();
        grants.apply(grant("g-1", "Org2MSP", olga.fabricId(), "REVOKED"));
        dispatch();

        assertThat(session.events()).hasSize(1);
    }

    @Test
    void idle_sessions_are_not_visited() {
        for (int i = 0; i < 300; i++) {
            open(operator(100 + i, i % 2 == 0 ? "Org1MSP" : "Org2MSP"));
            hub.register(
                    new RecordingSink("aud-" + i, true),
                    new ApiUser(1000 + i, "aud" + i, "Org3MSP", ApiRole.AUDITOR, "x509::aud" + i));
        }
        ApiUser olga = operator(1, "Org2MSP");
        RecordingSink granted = open(olga);
        grants.apply(grant("g-1", "Org2MSP", olga.fabricId(), LedgerGrant.ACTIVE));
        grants.apply(Grants.grant(
                "g-old", "Org1MSP", "Org1MSP", null, DEVICE, null, System.currentTimeMillis() - 1, "ACTIVE"));

        dispatch();

        assertThat(granted.events()).hasSize(1);
        assertThat(checks)
                .as(
                        "access checks for one event with 600 idle sessions and an expired grant to all of Org1's operators")
                .hasValue(1);
    }

    @Test
    void a_grant_to_every_operator_of_an_organisation_reaches_each_of_them_and_no_one_else() {
        RecordingSink first = open(operator(1, "Org2MSP"));
        RecordingSink second = open(operator(2, "Org2MSP"));
        RecordingSink elsewhere = open(operator(3, "Org3MSP"));
        grants.apply(grant("g-all", "Org2MSP", null, LedgerGrant.ACTIVE));

        dispatch();

        assertThat(first.events()).hasSize(1);
        assertThat(second.events()).hasSize(1);
        assertThat(elsewhere.events()).isEmpty();
        assertThat(checks).hasValue(2);
    }

    @Test
    void a_grant_on_the_device_group_counts_and_a_closed_session_leaves_the_index() {
        ApiUser olga = operator(1, "Org2MSP");
        RecordingSink session = open(olga);
        grants.apply(Grants.grant("g-lab", "Org1MSP", "Org2MSP", olga.fabricId(), null, "lab", IN_AN_HOUR, "ACTIVE"));
        dispatch();
        hub.unregister(session.id());

        dispatch();

        assertThat(session.events()).hasSize(1);
        assertThat(checks).hasValue(1);
    }
}
