package org.biotdm.chaincode.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;

import java.util.List;
import org.biotdm.chaincode.command.CommandContract;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.OrganisationGuard;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only grants whose guard key lists them are in force: a grant record two colluding organisations write straight
 * into world state, with a modified chaincode on their own peers, covers nothing on the owner's genuine peers.
 */
class GrantGuardTest {
    private static final String DEVICE_GUARD = DeviceStore.guardKey(DEVICE);
    private static final String ORG1_GUARD = OrganisationGuard.key("Org1MSP");

    private Fleet fleet;
    private World world;
    private GrantContract grants;
    private CommandContract commands;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        grants = fleet.grants;
        commands = fleet.commands;
        fleet.active(DEVICE);
    }

    private Grant forged(final String grantId, final String deviceId, final String deviceGroup) {
        return new Grant(
                grantId,
                "Org1MSP",
                "Org2MSP",
                null,
                deviceId,
                deviceGroup,
                List.of("reboot"),
                world.now() + 86_400_000L,
                GrantStatus.ACTIVE,
                null,
                world.now(),
                world.now(),
                "mallory",
                "Org2MSP");
    }

    /** Writes a grant record and its index entry as a modified chaincode endorsed by Org2 and Org3 would. */
    private void writeDirectly(final Grant grant) {
        final String target = grant.getDeviceId() == null ? Keys.TARGET_GROUP : Keys.TARGET_DEVICE;
        final String targetId = grant.getDeviceId() == null ? grant.getDeviceGroup() : grant.getDeviceId();
        world.submit(Identity.ORG2_ADMIN, ctx -> {
            ctx.getStub().putState(GrantStore.key(grant.getGrantId()), Json.bytes(grant));
            ctx.getStub()
                    .putState(
                            Keys.of(Keys.GRANT_BY_TARGET, "Org1MSP", target, targetId, grant.getGrantId()),
                            Keys.indexValue());
            return "";
        });
    }

    private String issueReboot(final String commandId) {
        return world.submit(
                Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, fleet.issueReboot(commandId, DEVICE)));
    }

    @Test
    void a_device_grant_written_directly_into_world_state_is_not_honoured() {
        writeDirectly(forged("g-forged", DEVICE, null));

        assertFails(world, ErrorCode.GRANT_REQUIRED, () -> issueReboot("c-1"));
        assertFails(
                world,
                ErrorCode.GRANT_NOT_FOUND,
                () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> grants.getGrant(ctx, "g-forged")));
        assertThat(world.evaluate(
                        Identity.ORG1_AUDITOR,
                        ctx -> grants.listGrants(ctx, Args.json("ownerMsp", "Org1MSP", "deviceId", DEVICE))))
                .doesNotContain("g-forged");
    }

    @Test
    void a_group_grant_written_directly_beside_a_genuine_one_is_not_honoured() {
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2("g-genuine")));
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-genuine")));

        writeDirectly(forged("g-forged", null, "plant-1"));

        assertFails(world, ErrorCode.GRANT_REQUIRED, () -> issueReboot("c-1"));
        assertThat(world.state(ORG1_GUARD)).isEqualTo("[]");
    }

    @Test
    void a_genuine_grant_is_listed_by_its_guard_and_covers_commands_which_keep_the_list() {
        fleet.granted("g-1", DEVICE);

        assertThat(world.state(DEVICE_GUARD)).isEqualTo("[\"g-1\"]");
        assertThat(issueReboot("c-1")).contains("\"grantId\":\"g-1\"");
        assertThat(world.state(DEVICE_GUARD)).isEqualTo("[\"g-1\"]");
    }

    @Test
    void a_genuine_group_grant_is_listed_by_the_organisation_guard() {
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2("g-1")));

        assertThat(world.state(ORG1_GUARD)).isEqualTo("[\"g-1\"]");
        assertThat(issueReboot("c-1")).contains("\"grantId\":\"g-1\"");
    }

    @Test
    void revoking_removes_the_grant_from_its_guard_so_it_covers_nothing() {
        fleet.granted("g-1", DEVICE).granted("g-2", DEVICE);

        world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1")));

        assertThat(world.state(DEVICE_GUARD)).isEqualTo("[\"g-2\"]");
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-2")));
        assertFails(world, ErrorCode.GRANT_REQUIRED, () -> issueReboot("c-1"));
    }

    @Test
    void a_guard_lists_at_most_the_limit_and_revoking_one_makes_room() {
        for (int i = 0; i < GrantGuard.MAX_GRANTS; i++) {
            fleet.granted("g-" + i, DEVICE);
        }

        final var error = assertFails(world, ErrorCode.INVALID_ARGUMENT, () -> fleet.granted("g-over", DEVICE));

        assertThat(error.getMessage()).contains("At most " + GrantGuard.MAX_GRANTS);
        assertThat(world.state(GrantStore.key("g-over"))).isNull();
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-0")));
        fleet.granted("g-over", DEVICE);
        assertThat(world.state(DEVICE_GUARD)).contains("\"g-over\"").doesNotContain("\"g-0\"");
    }

    @Test
    void a_device_guard_under_another_policy_is_refused_for_grants_and_commands() {
        fleet.granted("g-1", DEVICE);
        world.submit(Identity.ORG2_ADMIN, ctx -> {
            OwnerEndorsement.require(ctx.getStub(), DEVICE_GUARD, "Org2MSP");
            return "";
        });

        assertFails(world, ErrorCode.ACCESS_DENIED, () -> fleet.granted("g-2", DEVICE));
        assertFails(world, ErrorCode.GRANT_REQUIRED, () -> issueReboot("c-1"));
    }
}
