package org.biotdm.chaincode.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;

import java.util.List;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GrantContractTest {
    private Fleet fleet;
    private World world;
    private GrantContract grants;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        grants = fleet.grants;
        fleet.active(DEVICE);
    }

    @Nested
    class GrantDeviceAccess {
        @Test
        void writes_sorted_record_and_target_index() {
            final String request = Args.json(
                    "grantId",
                    "g-1",
                    "granteeMsp",
                    "Org2MSP",
                    "granteeId",
                    Identity.ORG2_OPERATOR.id(),
                    "deviceId",
                    DEVICE,
                    "commandTypes",
                    List.of("reboot", "configure", "reboot"),
                    "expiresAt",
                    World.T0 + 10_000L);

            final String result = world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, request));

            final String expected = "{\"commandTypes\":[\"configure\",\"reboot\"],\"deviceId\":\"d-1\","
                    + "\"expiresAt\":" + (World.T0 + 10_000L) + ",\"grantedAt\":" + World.T0 + ","
                    + "\"granteeId\":\"" + Identity.ORG2_OPERATOR.id() + "\",\"granteeMsp\":\"Org2MSP\","
                    + "\"grantId\":\"g-1\",\"ownerMsp\":\"Org1MSP\",\"status\":\"ACTIVE\",\"updatedAt\":" + World.T0
                    + ","
                    + "\"updatedBy\":\"" + Identity.ORG1_ADMIN.id() + "\",\"updatedByMsp\":\"Org1MSP\"}";
            assertThat(result).isEqualTo(expected);
            assertThat(world.state(Keys.of(Keys.GRANT, "g-1"))).isEqualTo(expected);
            assertThat(world.stub().writes())
                    .containsOnlyKeys(
                            Keys.of(Keys.GRANT, "g-1"),
                            Keys.of(Keys.GRANT_BY_TARGET, "Org1MSP", Keys.TARGET_DEVICE, DEVICE, "g-1"),
                            Keys.of(Keys.DEVICE_GUARD, DEVICE));
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"key\":\"grant:g-1\"")
                    .contains("\"type\":\"DeviceAccessGranted\"");
        }

        @Test
        void needs_the_device_owners_endorsement_now_and_for_every_later_change() {
            world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, fleet.grantToOrg2("g-1", DEVICE)));

            assertThat(world.stub().writes()).containsKey(Keys.of(Keys.DEVICE_GUARD, DEVICE));
            assertThat(world.keyPolicyOrgs(Keys.of(Keys.DEVICE_GUARD, DEVICE))).containsExactly("Org1MSP");
            assertThat(world.stub().metadataWrites()).isEmpty();

            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1", "reason", "done")));

            assertThat(world.stub().writes()).containsKey(Keys.of(Keys.DEVICE_GUARD, DEVICE));
        }

        @Test
        void grants_a_device_group() {
            final String request = Args.json(
                    "grantId", "g-2",
                    "granteeMsp", "Org2MSP",
                    "deviceGroup", "plant-1",
                    "commandTypes", List.of("reboot"),
                    "expiresAt", World.T0 + 10_000L);

            world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, request));

            assertThat(world.stub().writes())
                    .containsKey(Keys.of(Keys.GRANT_BY_TARGET, "Org1MSP", Keys.TARGET_GROUP, "plant-1", "g-2"));
        }

        @Test
        void rejects_duplicate_grant_id() {
            fleet.granted("g-1", DEVICE);

            assertFails(
                    world,
                    ErrorCode.GRANT_EXISTS,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> grants.grantDeviceAccess(ctx, fleet.grantToOrg2("g-1", DEVICE))));
        }

        @Test
        void rejects_admin_of_another_org_over_our_device() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_ADMIN,
                            ctx -> grants.grantDeviceAccess(ctx, fleet.grantToOrg2("g-1", DEVICE))));
        }

        @Test
        void rejects_unknown_device() {
            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_FOUND,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> grants.grantDeviceAccess(ctx, fleet.grantToOrg2("g-1", "d-9"))));
        }

        @Test
        void rejects_expiry_in_the_past() {
            final String request = fleet.grantToOrg2("g-1", DEVICE)
                    .replace(String.valueOf(World.T0 + 86_400_000L), String.valueOf(World.T0));
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, request)));
        }

        @Test
        void rejects_both_device_and_group() {
            final String request = fleet.grantToOrg2("g-1", DEVICE).replace("{", "{\"deviceGroup\":\"plant-1\",");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, request)));
        }

        @Test
        void rejects_empty_command_types() {
            final String request = fleet.grantToOrg2("g-1", DEVICE).replace("[\"reboot\",\"configure\"]", "[]");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, request)));
        }

        @Test
        void rejects_auditor() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG1_AUDITOR,
                            ctx -> grants.grantDeviceAccess(ctx, fleet.grantToOrg2("g-1", DEVICE))));
        }
    }

    @Nested
    class RevokeDeviceAccess {
        @BeforeEach
        void grant() {
            fleet.granted("g-1", DEVICE);
            world.advance(10);
        }

        @Test
        void marks_revoked_and_drops_index_entry() {
            final String result = world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1", "reason", "contract ended")));

            assertThat(result)
                    .contains("\"revokedReason\":\"contract ended\",\"status\":\"REVOKED\",\"updatedAt\":"
                            + (World.T0 + 10));
            assertThat(world.stub().writes())
                    .containsEntry(Keys.of(Keys.GRANT_BY_TARGET, "Org1MSP", Keys.TARGET_DEVICE, DEVICE, "g-1"), null);
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("DeviceAccessRevoked");
        }

        @Test
        void rejects_second_revocation() {
            world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1")));

            assertFails(
                    world,
                    ErrorCode.GRANT_REVOKED,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1"))));
        }

        @Test
        void rejects_unknown_grant() {
            assertFails(
                    world,
                    ErrorCode.GRANT_NOT_FOUND,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-9"))));
        }

        @Test
        void rejects_grantee_org_admin() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1"))));
        }
    }

    @Nested
    class GetGrant {
        @Test
        void returns_revoked_grant_too() {
            fleet.granted("g-1", DEVICE);
            world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1")));

            assertThat(world.evaluate(Identity.ORG2_OPERATOR, ctx -> grants.getGrant(ctx, "g-1")))
                    .isEqualTo(world.state(Keys.of(Keys.GRANT, "g-1")))
                    .contains("\"status\":\"REVOKED\"");
        }

        @Test
        void reports_unknown_grant() {
            assertFails(
                    world,
                    ErrorCode.GRANT_NOT_FOUND,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> grants.getGrant(ctx, "g-9")));
        }
    }

    @Nested
    class ListGrants {
        @BeforeEach
        void grantThree() {
            fleet.granted("g-1", DEVICE).granted("g-2", DEVICE).granted("g-3", DEVICE);
            world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-2")));
        }

        @Test
        void lists_active_grants_of_a_device() {
            final String page = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> grants.listGrants(ctx, Args.json("ownerMsp", "Org1MSP", "deviceId", DEVICE)));

            assertThat(page)
                    .startsWith("{\"bookmark\":\"\",\"fetchedCount\":2,\"records\":[")
                    .contains("\"grantId\":\"g-1\"")
                    .contains("\"grantId\":\"g-3\"")
                    .doesNotContain("\"grantId\":\"g-2\"");
        }

        @Test
        void pages_with_bookmark() {
            final String page =
                    world.evaluate(Identity.ORG1_AUDITOR, ctx -> grants.listGrants(ctx, Args.json("pageSize", 1L)));

            assertThat(page).contains("\"fetchedCount\":1").contains("\"grantId\":\"g-1\"");
            assertThat(page).doesNotStartWith("{\"bookmark\":\"\"");
        }

        @Test
        void rejects_device_filter_without_owner() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(
                            Identity.ORG1_AUDITOR, ctx -> grants.listGrants(ctx, Args.json("deviceId", DEVICE))));
        }

        @Test
        void lists_by_group_and_owner() {
            final String page = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> grants.listGrants(ctx, Args.json("ownerMsp", "Org1MSP", "deviceGroup", "plant-1")));

            assertThat(page).isEqualTo("{\"bookmark\":\"\",\"fetchedCount\":0,\"records\":[]}");
        }
    }
}
