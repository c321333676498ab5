package org.biotdm.gateway.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.biotdm.gateway.command.CommandFixture;
import org.biotdm.gateway.device.DeviceAdminClient;
import org.biotdm.gateway.device.DeviceSummary;
import org.biotdm.gateway.grant.GrantClient;
import org.biotdm.gateway.grant.GrantRequest;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Visibility by group grant follows group membership on the ledger, through the gateway's API on the dev network: an
 * operator granted a ledger group sees a device once the admin adds it to the group and stops seeing it once the admin
 * removes it. The gateway learns both from the {@code GroupMemberAdded}/{@code GroupMemberRemoved} chaincode events
 * alone (the device itself sends no event of its own), which is what the device listener's re-read of a member is for.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupVisibilityIT implements TestPropertyProvider {
    private static final long FAR_FUTURE = 4_102_444_800_000L;

    private final CommandFixture fixture = new CommandFixture();

    @Inject
    ApplicationContext context;

    @Inject
    GroupClient groups;

    @Inject
    GrantClient grants;

    @Inject
    DeviceAdminClient devices;

    private TestUsers.Session admin;
    private TestUsers.Session operator;

    @Override
    public Map<String, String> getProperties() {
        return CommandFixture.properties("group_visibility");
    }

    @BeforeAll
    void people() {
        fixture.start(context);
        admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        operator = TestUsers.create(context, 0, ApiRole.OPERATOR);
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private boolean listed(String deviceId) {
        return devices.list(operator.caller(), null, null, null, deviceId, null, null, null).items().stream()
                .map(DeviceSummary::deviceId)
                .anyMatch(deviceId::equals);
    }

    private boolean readable(String deviceId) {
        try {
            return deviceId.equals(
                    devices.get(operator.caller(), deviceId).device().deviceId());
        } catch (ApiError e) {
            if (e.status() == 403) {
                return false;
            }
            throw e;
        }
    }

    /** Waits up to 30 s for the gateway to follow the ledger's events; the assertions after it decide. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        CommandFixture.await(condition);
    }

    @Test
    void an_operator_granted_a_group_sees_a_device_while_it_is_a_member() throws Exception {
        String deviceId = fixture.activeDevice("grp-vis").deviceId();
        String groupId = "vis-" + System.nanoTime();
        groups.create(
                admin.caller(),
                new CreateGroupRequest(
                        groupId, "visibility", new GroupPolicyBody(List.of("reboot"), null, null, false)));
        assertThat(grants.grant(
                                admin.caller(),
                                new GrantRequest(
                                        null,
                                        operator.user().username(),
                                        null,
                                        null,
                                        groupId,
                                        List.of("reboot"),
                                        FAR_FUTURE))
                        .code())
                .isEqualTo(201);
        assertThat(listed(deviceId)).as("listed before it joins the group").isFalse();
        assertThat(readable(deviceId)).as("readable before it joins the group").isFalse();

        groups.addMember(admin.caller(), groupId, new GroupMemberRequest(deviceId));
        await(() -> listed(deviceId) && readable(deviceId));

        assertThat(listed(deviceId))
                .as("listed as a member of the granted group")
                .isTrue();
        assertThat(readable(deviceId))
                .as("readable as a member of the granted group")
                .isTrue();
        assertThat(devices.get(admin.caller(), deviceId).device().group()).isEqualTo(groupId);

        groups.removeMember(admin.caller(), groupId, deviceId);
        await(() -> !listed(deviceId) && !readable(deviceId));

        assertThat(listed(deviceId)).as("listed after its removal").isFalse();
        assertThat(ApiError.of(() -> devices.get(operator.caller(), deviceId)).code())
                .isEqualTo("DEVICE_ACCESS_DENIED");
        assertThat(devices.get(admin.caller(), deviceId).device().group()).isEqualTo("ungrouped");
    }
}
