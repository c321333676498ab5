package org.biotdm.chaincode.configuration;

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

class ConfigurationContractTest {
    private Fleet fleet;
    private World world;
    private ConfigurationContract configuration;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        configuration = fleet.configuration;
    }

    private String submit(final Identity who, final String request) {
        return world.submit(who, ctx -> configuration.setDesiredConfiguration(ctx, request));
    }

    private String report(final String request) {
        return world.submit(Identity.ORG1_GATEWAY, ctx -> configuration.reportConfiguration(ctx, request));
    }

    @Nested
    class SetDesiredConfiguration {
        @BeforeEach
        void activeDevice() {
            fleet.active(DEVICE);
            world.advance(1000);
        }

        @Test
        void writes_the_record_the_command_index_and_a_configuration_command_without_grant() {
            final long at = world.now();
            final String txId = world.nextTxId();

            final String result = submit(Identity.ORG1_ADMIN, fleet.desiredConfiguration(1));

            final String expected = "{\"desired\":{\"commandId\":\"cfg-1\",\"setAt\":" + at + ",\"setBy\":\""
                    + Identity.ORG1_ADMIN.id() + "\",\"setByMsp\":\"Org1MSP\",\"sha256\":\""
                    + Fleet.configurationSha256(1) + "\",\"sizeBytes\":19,\"version\":1},\"deviceId\":\"d-1\","
                    + "\"ownerMsp\":\"Org1MSP\"}";
            assertThat(world.state(Keys.of(Keys.CONFIGURATION, DEVICE))).isEqualTo(expected);
            assertThat(result)
                    .isEqualTo("{\"command\":" + world.state(Keys.of(Keys.COMMAND, "cfg-1")) + ",\"configuration\":"
                            + expected + "}");
            assertThat(world.state(Keys.of(Keys.CONFIGURATION_BY_COMMAND, "cfg-1")))
                    .isEqualTo("{\"deviceId\":\"d-1\",\"version\":1}");
            assertThat(world.state(Keys.of(Keys.COMMAND, "cfg-1")))
                    .contains("\"commandType\":\"configuration\"")
                    .contains("\"parametersSha256\":\"" + Fleet.configurationSha256(1) + "\"")
                    .contains("\"status\":\"ISSUED\"")
                    .doesNotContain("grantId");
            assertThat(world.stub().writes()).containsKey(Keys.of(Keys.DEVICE_GUARD, DEVICE));
            assertThat(world.stub().events()).hasSize(1);
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .isEqualTo("{\"actorId\":\"" + Identity.ORG1_ADMIN.id() + "\",\"actorMsp\":\"Org1MSP\","
                            + "\"deviceId\":\"d-1\",\"key\":\"configuration:d-1\",\"timestamp\":" + at
                            + ",\"txId\":\"" + txId + "\",\"type\":\"ConfigurationDesiredSet\"}");
        }

        @Test
        void takes_only_the_next_version() {
            submit(Identity.ORG1_ADMIN, fleet.desiredConfiguration(1));

            assertFails(
                    world,
                    ErrorCode.CONFIGURATION_VERSION_STALE,
                    () -> submit(Identity.ORG1_ADMIN, fleet.desiredConfiguration(1)));
            assertFails(
                    world,
                    ErrorCode.CONFIGURATION_VERSION_STALE,
                    () -> submit(Identity.ORG1_ADMIN, fleet.desiredConfiguration(3)));
            assertThat(submit(Identity.ORG1_ADMIN, fleet.desiredConfiguration(2)))
                    .contains("\"version\":2");
        }

        @Test
        void refuses_another_organisations_admin_and_the_owners_operator() {
            assertFails(
                    world, ErrorCode.ACCESS_DENIED, () -> submit(Identity.ORG2_ADMIN, fleet.desiredConfiguration(1)));
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> submit(Identity.ORG1_OPERATOR, fleet.desiredConfiguration(1)));
        }

        @Test
        void refuses_an_oversize_document() {
            final String request = fleet.desiredConfiguration(1).replace("\"sizeBytes\":19", "\"sizeBytes\":4097");

            assertFails(world, ErrorCode.INVALID_ARGUMENT, () -> submit(Identity.ORG1_ADMIN, request));
        }

        @Test
        void refuses_a_suspended_device() {
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> fleet.devices.suspendDevice(ctx, Args.json("deviceId", DEVICE, "reason", "maintenance")));

            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_ACTIVE,
                    () -> submit(Identity.ORG1_ADMIN, fleet.desiredConfiguration(1)));
        }

        @Test
        void reserves_the_command_type_from_operators_with_grants() {
            fleet.granted("g-1", DEVICE);
            final String request = fleet.issueReboot("c-1", DEVICE).replace("\"reboot\"", "\"configuration\"");

            assertFails(
                    world,
                    ErrorCode.COMMAND_TYPE_RESERVED,
                    () -> world.submit(Identity.ORG2_OPERATOR, ctx -> fleet.commands.issueCommand(ctx, request)));
        }
    }

    @Nested
    class ReportConfiguration {
        @BeforeEach
        void twoDesiredVersions() {
            fleet.configured(2);
            world.advance(1000);
        }

        @Test
        void records_the_applied_hash_and_completes_the_command_in_one_transaction() {
            final String applied = Fleet.configurationSha256(2);

            final String result = report(fleet.configurationReport(2, "SUCCEEDED", applied, null));

            final String record = world.state(Keys.of(Keys.CONFIGURATION, DEVICE));
            final String expectedReport = "{\"commandId\":\"cfg-2\",\"reportedAt\":" + world.now() + ",\"sha256\":\""
                    + applied + "\",\"status\":\"SUCCEEDED\",\"version\":2}";
            assertThat(record).contains("\"reported\":" + expectedReport).contains("\"lastReport\":" + expectedReport);
            assertThat(result).contains("\"configuration\":" + record);
            assertThat(world.state(Keys.of(Keys.COMMAND, "cfg-2")))
                    .contains("\"status\":\"SUCCEEDED\"")
                    .contains("\"resultSha256\":\"" + applied + "\"");
            assertThat(world.stub().events()).hasSize(1);
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("ConfigurationReported");
        }

        @Test
        void a_refusal_keeps_the_applied_version_and_records_the_code() {
            report(fleet.configurationReport(1, "SUCCEEDED", Fleet.configurationSha256(1), null));

            report(fleet.configurationReport(2, "FAILED", Fleet.RESULT_SHA256, "CONFIGURATION_INVALID"));

            final String record = world.state(Keys.of(Keys.CONFIGURATION, DEVICE));
            assertThat(record)
                    .contains("\"lastReport\":{\"code\":\"CONFIGURATION_INVALID\",\"commandId\":\"cfg-2\"")
                    .contains("\"reported\":{\"commandId\":\"cfg-1\"");
        }

        @Test
        void refuses_a_report_older_than_one_already_recorded() {
            report(fleet.configurationReport(2, "SUCCEEDED", Fleet.configurationSha256(2), null));

            assertFails(
                    world,
                    ErrorCode.CONFIGURATION_VERSION_STALE,
                    () -> report(fleet.configurationReport(1, "SUCCEEDED", Fleet.configurationSha256(1), null)));
        }

        @Test
        void refuses_a_receipt_signed_over_another_hash() {
            final String forged = fleet.configurationReport(2, "SUCCEEDED", Fleet.configurationSha256(2), null)
                    .replace(Fleet.configurationSha256(2), Fleet.configurationSha256(1));

            assertFails(world, ErrorCode.RECEIPT_SIGNATURE_INVALID, () -> report(forged));
            assertThat(world.state(Keys.of(Keys.CONFIGURATION, DEVICE))).doesNotContain("reported");
        }

        @Test
        void refuses_a_code_with_success_and_another_organisations_gateway() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> report(fleet.configurationReport(2, "SUCCEEDED", Fleet.RESULT_SHA256, "NOPE")));
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_GATEWAY,
                            ctx -> configuration.reportConfiguration(
                                    ctx, fleet.configurationReport(2, "SUCCEEDED", Fleet.RESULT_SHA256, null))));
        }

        @Test
        void complete_command_refuses_configuration_commands() {
            final String completion = Args.json(
                    "commandId",
                    "cfg-2",
                    "status",
                    "SUCCEEDED",
                    "resultSha256",
                    Fleet.RESULT_SHA256,
                    "signature",
                    fleet.deviceKey.signDer(Fleet.configurationReceipt(2, "SUCCEEDED", Fleet.RESULT_SHA256)));

            assertFails(
                    world,
                    ErrorCode.COMMAND_TYPE_RESERVED,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> fleet.commands.completeCommand(ctx, completion)));
        }

        @Test
        void refuses_a_command_that_carries_no_configuration() {
            fleet.granted("g-1", DEVICE);
            world.submit(
                    Identity.ORG2_OPERATOR, ctx -> fleet.commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE)));
            final String request = fleet.completion("c-1", "SUCCEEDED");

            assertFails(world, ErrorCode.COMMAND_NOT_FOUND, () -> report(request));
        }
    }

    @Nested
    class GetConfiguration {
        @Test
        void reads_the_record_for_any_role_and_names_a_device_without_one() {
            fleet.configured(1);

            assertThat(world.evaluate(Identity.ORG2_ADMIN, ctx -> configuration.getConfiguration(ctx, DEVICE)))
                    .isEqualTo(world.state(Keys.of(Keys.CONFIGURATION, DEVICE)));
            assertFails(
                    world,
                    ErrorCode.CONFIGURATION_NOT_FOUND,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> configuration.getConfiguration(ctx, "d-2")));
        }
    }
}
