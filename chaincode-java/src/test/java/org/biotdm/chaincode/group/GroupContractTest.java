package org.biotdm.chaincode.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;

import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.OrganisationGuard;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GroupContractTest {
    private static final String HALL = GroupStore.key("hall");

    private Fleet fleet;
    private World world;
    private GroupContract groups;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        groups = fleet.groups;
        fleet.active(DEVICE);
    }

    private String member(final String groupId, final String deviceId) {
        return Args.json("groupId", groupId, "deviceId", deviceId);
    }

    @Nested
    class CreateGroup {
        @Test
        void writes_the_group_under_the_owners_key_policy_and_the_owners_guard() {
            final String result = world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> groups.createGroup(ctx, Args.json("groupId", "hall", "policy", Fleet.groupPolicy(false))));

            assertThat(result)
                    .contains("\"groupId\":\"hall\"", "\"ownerMsp\":\"Org1MSP\"", "\"members\":[]")
                    .contains("\"commandTypes\":[\"configure\",\"reboot\"]", "\"endorsingMsps\":[\"Org1MSP\"]");
            assertThat(world.state(HALL)).isEqualTo(result);
            assertThat(world.keyPolicyOrgs(HALL)).containsExactly("Org1MSP");
            assertThat(world.stub().writes())
                    .containsOnlyKeys(
                            HALL, OrganisationGuard.key("Org1MSP"), Keys.of(Keys.GROUP_BY_OWNER, "Org1MSP", "hall"));
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("GroupCreated");
        }

        @Test
        void refuses_an_existing_id_even_of_another_organisation() {
            fleet.grouped("hall", false);

            assertFails(
                    world,
                    ErrorCode.GROUP_EXISTS,
                    () -> world.submit(
                            Identity.ORG2_ADMIN,
                            ctx -> groups.createGroup(
                                    ctx, Args.json("groupId", "hall", "policy", Fleet.groupPolicy(false)))));
        }

        @Test
        void refuses_the_reserved_id_and_a_policy_without_command_types() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> groups.createGroup(
                                    ctx, Args.json("groupId", "ungrouped", "policy", Fleet.groupPolicy(false)))));
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> groups.createGroup(
                                    ctx,
                                    Args.json(
                                            "groupId",
                                            "hall",
                                            "policy",
                                            Args.map(
                                                    "commandTypes",
                                                    java.util.List.of(),
                                                    "coEndorseGrantees",
                                                    false)))));
        }

        @Test
        void refuses_a_cluster_head_that_is_no_member() {
            assertFails(
                    world,
                    ErrorCode.GROUP_MEMBERSHIP_CONFLICT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> groups.createGroup(
                                    ctx,
                                    Args.json(
                                            "groupId",
                                            "hall",
                                            "policy",
                                            Args.map(
                                                    "commandTypes",
                                                    java.util.List.of("reboot"),
                                                    "clusterHeadDeviceId",
                                                    DEVICE,
                                                    "coEndorseGrantees",
                                                    false)))));
        }
    }

    @Nested
    class Membership {
        @BeforeEach
        void group() {
            fleet.grouped("hall", false);
        }

        @Test
        void adding_a_member_sets_the_devices_group_field() {
            final String result =
                    world.submit(Identity.ORG1_ADMIN, ctx -> groups.addGroupMember(ctx, member("hall", DEVICE)));

            assertThat(result).contains("\"members\":[\"d-1\"]");
            assertThat(world.state(Keys.of(Keys.DEVICE, DEVICE))).contains("\"group\":\"hall\"");
            assertThat(world.state(Keys.of(Keys.DEVICE_BY_GROUP, "Org1MSP", "hall", DEVICE)))
                    .isNotNull();
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8()).contains("\"deviceId\":\"d-1\"");
        }

        @Test
        void removing_a_member_marks_the_device_ungrouped() {
            world.submit(Identity.ORG1_ADMIN, ctx -> groups.addGroupMember(ctx, member("hall", DEVICE)));

            final String result =
                    world.submit(Identity.ORG1_ADMIN, ctx -> groups.removeGroupMember(ctx, member("hall", DEVICE)));

            assertThat(result).contains("\"members\":[]");
            assertThat(world.state(Keys.of(Keys.DEVICE, DEVICE))).contains("\"group\":\"ungrouped\"");
        }

        @Test
        void refuses_a_device_already_in_a_group_and_removing_a_non_member() {
            fleet.grouped("yard", false, DEVICE);

            assertFails(
                    world,
                    ErrorCode.GROUP_MEMBERSHIP_CONFLICT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> groups.addGroupMember(ctx, member("hall", DEVICE))));
            assertFails(
                    world,
                    ErrorCode.GROUP_MEMBERSHIP_CONFLICT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> groups.removeGroupMember(ctx, member("hall", DEVICE))));
        }

        @Test
        void refuses_a_device_of_another_organisation() {
            world.submit(Identity.ORG2_ADMIN, ctx -> fleet.devices.registerDevice(ctx, fleet.registerWithKey("d-2")));

            assertFails(
                    world,
                    ErrorCode.GROUP_MEMBERSHIP_CONFLICT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> groups.addGroupMember(ctx, member("hall", "d-2"))));
        }

        @Test
        void refuses_another_organisations_admin_and_an_unknown_group() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(Identity.ORG2_ADMIN, ctx -> groups.addGroupMember(ctx, member("hall", DEVICE))));
            assertFails(
                    world,
                    ErrorCode.GROUP_NOT_FOUND,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> groups.addGroupMember(ctx, member("yard", DEVICE))));
        }

        @Test
        void a_member_leaves_its_group_only_through_the_groups_contract() {
            world.submit(Identity.ORG1_ADMIN, ctx -> groups.addGroupMember(ctx, member("hall", DEVICE)));

            assertFails(
                    world,
                    ErrorCode.GROUP_MEMBERSHIP_CONFLICT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> fleet.devices.updateDeviceMetadata(
                                    ctx, Args.json("deviceId", DEVICE, "metadata", Args.map(), "group", "yard"))));
        }
    }

    @Nested
    class SetGroupPolicy {
        @Test
        void co_endorsement_adds_the_grant_holders_to_the_group_keys_policy() {
            fleet.grouped("plant-1", false, DEVICE);
            world.submit(
                    Identity.ORG1_ADMIN, ctx -> fleet.grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2("g-1")));

            final String result = world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> groups.setGroupPolicy(
                            ctx, Args.json("groupId", "plant-1", "policy", Fleet.groupPolicy(true, "reboot"))));

            assertThat(result).contains("\"endorsingMsps\":[\"Org1MSP\",\"Org2MSP\"]");
            assertThat(world.keyPolicyOrgs(GroupStore.key("plant-1"))).containsExactlyInAnyOrder("Org1MSP", "Org2MSP");
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("GroupPolicyChanged");
        }

        @Test
        void without_co_endorsement_the_owner_alone_endorses() {
            fleet.grouped("plant-1", true, DEVICE);
            world.submit(
                    Identity.ORG1_ADMIN, ctx -> fleet.grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2("g-1")));

            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> groups.setGroupPolicy(
                            ctx, Args.json("groupId", "plant-1", "policy", Fleet.groupPolicy(false, "reboot"))));

            assertThat(world.keyPolicyOrgs(GroupStore.key("plant-1"))).containsExactly("Org1MSP");
        }

        @Test
        void refuses_another_organisations_admin() {
            fleet.grouped("hall", false);

            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_ADMIN,
                            ctx -> groups.setGroupPolicy(
                                    ctx, Args.json("groupId", "hall", "policy", Fleet.groupPolicy(false, "reboot")))));
        }

        @Test
        void a_cluster_head_must_be_a_member_and_cannot_be_removed() {
            fleet.grouped("hall", false, DEVICE);
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> groups.setGroupPolicy(
                            ctx,
                            Args.json(
                                    "groupId",
                                    "hall",
                                    "policy",
                                    Args.map(
                                            "commandTypes",
                                            java.util.List.of("reboot"),
                                            "clusterHeadDeviceId",
                                            DEVICE,
                                            "coEndorseGrantees",
                                            false))));

            assertThat(world.state(HALL)).contains("\"clusterHeadDeviceId\":\"d-1\"");
            assertFails(
                    world,
                    ErrorCode.GROUP_MEMBERSHIP_CONFLICT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> groups.removeGroupMember(ctx, member("hall", DEVICE))));
        }
    }

    @Nested
    class Reads {
        @Test
        void get_and_list_return_the_owners_groups() {
            fleet.grouped("hall", false, DEVICE).grouped("yard", false);

            assertThat(world.evaluate(Identity.ORG1_AUDITOR, ctx -> groups.getGroup(ctx, "hall")))
                    .contains("\"members\":[\"d-1\"]");
            assertThat(world.evaluate(
                            Identity.ORG2_ADMIN, ctx -> groups.listGroups(ctx, Args.json("ownerMsp", "Org1MSP"))))
                    .contains("\"fetchedCount\":2", "\"groupId\":\"hall\"", "\"groupId\":\"yard\"");
            assertFails(
                    world,
                    ErrorCode.GROUP_NOT_FOUND,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> groups.getGroup(ctx, "none")));
        }
    }
}
