package org.biotdm.chaincode.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;

import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleContractTest {
    private Fleet fleet;
    private World world;
    private RuleContract rules;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        rules = fleet.rules;
        fleet.active(DEVICE).grouped("hall", false, DEVICE);
    }

    @Nested
    class Writes {
        @Test
        void register_stores_the_rule_with_its_parameters_hash_under_the_owners_policy() {
            final String result =
                    world.submit(Identity.ORG1_ADMIN, ctx -> rules.registerRule(ctx, Fleet.ruleOnGroup("r-1", "hall")));

            assertThat(result)
                    .contains("\"ruleId\":\"r-1\"", "\"enabled\":true", "\"cooldownSeconds\":60")
                    .contains("\"parametersSha256\":\"" + Fleet.PARAMS_SHA256 + "\"", "\"threshold\":\"1\"");
            assertThat(world.state(RuleStore.key("r-1"))).isEqualTo(result);
            assertThat(world.keyPolicyOrgs(RuleStore.key("r-1"))).containsExactly("Org1MSP");
            assertThat(world.state(Keys.of(Keys.RULE_BY_OWNER, "Org1MSP", "r-1")))
                    .isNotNull();
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("RuleRegistered");
        }

        @Test
        void a_rule_on_a_co_endorsed_group_is_endorsed_by_its_grant_holders_too() {
            fleet.grouped("plant-1", true);
            world.submit(
                    Identity.ORG1_ADMIN, ctx -> fleet.grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2("g-1")));

            world.submit(Identity.ORG1_ADMIN, ctx -> rules.registerRule(ctx, Fleet.ruleOnGroup("r-1", "plant-1")));

            assertThat(world.keyPolicyOrgs(RuleStore.key("r-1"))).containsExactlyInAnyOrder("Org1MSP", "Org2MSP");
        }

        @Test
        void refuses_a_duplicate_id_a_foreign_group_and_a_bad_condition() {
            fleet.ruled("r-1", "hall");

            assertFails(
                    world,
                    ErrorCode.RULE_EXISTS,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> rules.registerRule(ctx, Fleet.ruleOnGroup("r-1", "hall"))));
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_ADMIN, ctx -> rules.registerRule(ctx, Fleet.ruleOnGroup("r-2", "hall"))));
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> rules.registerRule(
                                    ctx, Fleet.ruleOnGroup("r-2", "hall").replace("\"1\"", "\"one\""))));
            assertFails(
                    world,
                    ErrorCode.GROUP_NOT_FOUND,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> rules.registerRule(ctx, Fleet.ruleOnGroup("r-2", "yard"))));
        }

        @Test
        void another_organisations_admin_cannot_change_disable_or_enable_it() {
            fleet.ruled("r-1", "hall");

            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_ADMIN, ctx -> rules.updateRule(ctx, Fleet.ruleOnGroup("r-1", "hall"))));
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(Identity.ORG2_ADMIN, ctx -> rules.disableRule(ctx, Args.json("ruleId", "r-1"))));
            assertFails(
                    world,
                    ErrorCode.RULE_NOT_FOUND,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> rules.enableRule(ctx, Args.json("ruleId", "r-9"))));
        }

        @Test
        void disable_and_enable_flip_the_flag() {
            fleet.ruled("r-1", "hall");

            assertThat(world.submit(Identity.ORG1_ADMIN, ctx -> rules.disableRule(ctx, Args.json("ruleId", "r-1"))))
                    .contains("\"enabled\":false");
            assertThat(world.submit(Identity.ORG1_ADMIN, ctx -> rules.enableRule(ctx, Args.json("ruleId", "r-1"))))
                    .contains("\"enabled\":true");
            assertThat(world.evaluate(
                            Identity.ORG2_ADMIN, ctx -> rules.listRules(ctx, Args.json("ownerMsp", "Org1MSP"))))
                    .contains("\"fetchedCount\":1");
        }
    }

    @Nested
    class IssueCommandByRule {
        @BeforeEach
        void rule() {
            fleet.ruled("r-1", "hall");
            world.advance(1000);
        }

        private String issue(final Identity who, final String argument) {
            return world.submit(who, ctx -> fleet.commands.issueCommand(ctx, argument));
        }

        @Test
        void the_command_record_names_the_rule_window_and_readings() {
            final String result = issue(Identity.ORG1_AUTOMATION, fleet.issueByRule("c-1", DEVICE, "r-1"));

            assertThat(result)
                    .contains(
                            "\"rule\":{\"readingIds\":[\"r-1\",\"r-2\"],\"ruleId\":\"r-1\",\"windowId\":\"Org1MSP-w-7\"}")
                    .doesNotContain("grantId");
            assertThat(world.state(Keys.of(Keys.COMMAND, "c-1"))).isEqualTo(result);
        }

        @Test
        void refuses_a_disabled_rule() {
            world.submit(Identity.ORG1_ADMIN, ctx -> rules.disableRule(ctx, Args.json("ruleId", "r-1")));

            assertFails(
                    world,
                    ErrorCode.RULE_DISABLED,
                    () -> issue(Identity.ORG1_AUTOMATION, fleet.issueByRule("c-1", DEVICE, "r-1")));
        }

        @Test
        void refuses_an_unknown_rule() {
            assertFails(
                    world,
                    ErrorCode.RULE_NOT_FOUND,
                    () -> issue(Identity.ORG1_AUTOMATION, fleet.issueByRule("c-1", DEVICE, "r-9")));
        }

        @Test
        void refuses_a_device_the_rule_does_not_act_on() {
            fleet.active("d-2");

            assertFails(
                    world,
                    ErrorCode.RULE_NOT_COVERING,
                    () -> issue(Identity.ORG1_AUTOMATION, fleet.issueByRule("c-1", "d-2", "r-1")));
        }

        @Test
        void refuses_another_command_type_or_other_parameters() {
            assertFails(
                    world,
                    ErrorCode.RULE_NOT_COVERING,
                    () -> issue(
                            Identity.ORG1_AUTOMATION,
                            fleet.issueByRule("c-1", DEVICE, "r-1").replace("\"reboot\"", "\"configure\"")));
            assertFails(
                    world,
                    ErrorCode.RULE_NOT_COVERING,
                    () -> issue(
                            Identity.ORG1_AUTOMATION,
                            fleet.issueByRule("c-1", DEVICE, "r-1").replace(Fleet.PARAMS_SHA256, Fleet.RESULT_SHA256)));
        }

        @Test
        void refuses_a_command_type_the_group_policy_no_longer_allows() {
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> fleet.groups.setGroupPolicy(
                            ctx, Args.json("groupId", "hall", "policy", Fleet.groupPolicy(false, "configure"))));

            assertFails(
                    world,
                    ErrorCode.GROUP_POLICY_DENIED,
                    () -> issue(Identity.ORG1_AUTOMATION, fleet.issueByRule("c-1", DEVICE, "r-1")));
        }

        @Test
        void only_the_owners_automation_identity_may_name_a_rule() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> issue(Identity.ORG1_OPERATOR, fleet.issueByRule("c-1", DEVICE, "r-1")));
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> issue(Identity.ORG2_AUTOMATION, fleet.issueByRule("c-1", DEVICE, "r-1")));
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> issue(Identity.ORG1_AUTOMATION, fleet.issueReboot("c-1", DEVICE)));
        }

        @Test
        void refuses_a_trigger_without_readings() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> issue(
                            Identity.ORG1_AUTOMATION,
                            fleet.issueByRule("c-1", DEVICE, "r-1").replace("[\"r-2\",\"r-1\"]", "[]")));
        }
    }
}
