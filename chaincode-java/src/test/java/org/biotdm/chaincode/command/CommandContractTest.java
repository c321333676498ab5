package org.biotdm.chaincode.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;

import java.util.List;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.DeviceKeyPair;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommandContractTest {
    private Fleet fleet;
    private World world;
    private CommandContract commands;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        commands = fleet.commands;
    }

    @Nested
    class IssueCommand {
        @BeforeEach
        void activeDeviceWithGrant() {
            fleet.active(DEVICE).granted("g-1", DEVICE);
            world.advance(1000);
        }

        @Test
        void writes_sorted_record_and_device_index() {
            final long issuedAt = world.now();
            final String txId = world.nextTxId();

            final String result = world.submit(
                    Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE)));

            final String expected = "{\"commandId\":\"c-1\",\"commandType\":\"reboot\",\"deviceId\":\"d-1\","
                    + "\"expiresAt\":" + (issuedAt + 3_600_000L) + ",\"grantId\":\"g-1\",\"issuedAt\":" + issuedAt
                    + ",\"issuedBy\":\"" + Identity.ORG2_OPERATOR.id() + "\",\"issuedByMsp\":\"Org2MSP\","
                    + "\"ownerMsp\":\"Org1MSP\",\"parametersSha256\":\"" + Fleet.PARAMS_SHA256 + "\","
                    + "\"status\":\"ISSUED\",\"updatedAt\":" + issuedAt + ",\"updatedBy\":\""
                    + Identity.ORG2_OPERATOR.id() + "\",\"updatedByMsp\":\"Org2MSP\"}";
            assertThat(result).isEqualTo(expected);
            assertThat(world.state(Keys.of(Keys.COMMAND, "c-1"))).isEqualTo(expected);
            assertThat(world.stub().writes())
                    .containsOnlyKeys(
                            Keys.of(Keys.COMMAND, "c-1"),
                            Keys.of(Keys.COMMAND_BY_DEVICE, DEVICE, Keys.time(issuedAt), "c-1"),
                            Keys.of(Keys.DEVICE_GUARD, DEVICE));
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .isEqualTo("{\"actorId\":\"" + Identity.ORG2_OPERATOR.id() + "\",\"actorMsp\":\"Org2MSP\","
                            + "\"deviceId\":\"d-1\",\"key\":\"command:c-1\",\"timestamp\":" + issuedAt
                            + ",\"txId\":\"" + txId + "\",\"type\":\"CommandIssued\"}");
        }

        @Test
        void needs_the_device_owners_endorsement_now_and_for_every_later_change() {
            world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE)));

            assertThat(world.stub().writes()).containsKey(Keys.of(Keys.DEVICE_GUARD, DEVICE));
            assertThat(world.keyPolicyOrgs(Keys.of(Keys.DEVICE_GUARD, DEVICE))).containsExactly("Org1MSP");
            assertThat(world.stub().metadataWrites()).isEmpty();

            world.submit(
                    Identity.ORG1_GATEWAY, ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-1")));

            assertThat(world.stub().writes()).containsKey(Keys.of(Keys.DEVICE_GUARD, DEVICE));
        }

        @Test
        void accepts_group_grant_for_named_identity() {
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> fleet.grants.grantDeviceAccess(
                            ctx,
                            Args.json(
                                    "grantId",
                                    "g-group",
                                    "granteeMsp",
                                    "Org1MSP",
                                    "granteeId",
                                    Identity.ORG1_OPERATOR.id(),
                                    "deviceGroup",
                                    "plant-1",
                                    "commandTypes",
                                    List.of("configure"),
                                    "expiresAt",
                                    world.now() + 60_000L)));
            final String request = fleet.issueReboot("c-1", DEVICE).replace("\"reboot\"", "\"configure\"");

            final String result = world.submit(Identity.ORG1_OPERATOR, ctx -> commands.issueCommand(ctx, request));

            assertThat(result).contains("\"grantId\":\"g-group\"");
        }

        @Test
        void rejects_duplicate_command_id() {
            world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE)));

            assertFails(
                    world,
                    ErrorCode.COMMAND_EXISTS,
                    () -> world.submit(
                            Identity.ORG2_OPERATOR,
                            ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE))));
        }

        @Test
        void rejects_operator_without_grant() {
            assertFails(
                    world,
                    ErrorCode.GRANT_REQUIRED,
                    () -> world.submit(
                            Identity.ORG1_OPERATOR,
                            ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE))));
        }

        @Test
        void rejects_command_type_outside_grant() {
            final String request = fleet.issueReboot("c-1", DEVICE).replace("\"reboot\"", "\"wipe\"");
            assertFails(
                    world,
                    ErrorCode.GRANT_REQUIRED,
                    () -> world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, request)));
        }

        @Test
        void rejects_expired_grant() {
            world.advance(86_400_000L);

            assertFails(
                    world,
                    ErrorCode.GRANT_REQUIRED,
                    () -> world.submit(
                            Identity.ORG2_OPERATOR,
                            ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE))));
        }

        @Test
        void rejects_revoked_grant() {
            world.submit(Identity.ORG1_ADMIN, ctx -> fleet.grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1")));

            assertFails(
                    world,
                    ErrorCode.GRANT_REQUIRED,
                    () -> world.submit(
                            Identity.ORG2_OPERATOR,
                            ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE))));
        }

        @Test
        void rejects_suspended_device() {
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> fleet.devices.suspendDevice(ctx, Args.json("deviceId", DEVICE, "reason", "x")));

            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_ACTIVE,
                    () -> world.submit(
                            Identity.ORG2_OPERATOR,
                            ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE))));
        }

        @Test
        void rejects_unknown_device() {
            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_FOUND,
                    () -> world.submit(
                            Identity.ORG2_OPERATOR,
                            ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", "d-9"))));
        }

        @Test
        void rejects_expiry_already_past() {
            final String request = Args.json(
                    "commandId",
                    "c-1",
                    "deviceId",
                    DEVICE,
                    "commandType",
                    "reboot",
                    "parametersSha256",
                    Fleet.PARAMS_SHA256,
                    "expiresAt",
                    world.now());
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, request)));
        }

        @Test
        void rejects_expiry_beyond_maximum_lifetime() {
            final String request = Args.json(
                    "commandId",
                    "c-1",
                    "deviceId",
                    DEVICE,
                    "commandType",
                    "reboot",
                    "parametersSha256",
                    Fleet.PARAMS_SHA256,
                    "expiresAt",
                    world.now() + IssueCommandRequest.MAX_LIFETIME_MILLIS + 1);
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, request)));
        }

        @Test
        void rejects_upper_case_parameters_hash() {
            final String request =
                    fleet.issueReboot("c-1", DEVICE).replace(Fleet.PARAMS_SHA256, Fleet.PARAMS_SHA256.toUpperCase());
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, request)));
        }

        @Test
        void rejects_gateway() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE))));
        }
    }

    @Nested
    class MarkCommandDelivered {
        @BeforeEach
        void issue() {
            fleet.issued("c-1");
            world.advance(500);
        }

        @Test
        void records_delivery_time() {
            final String result = world.submit(
                    Identity.ORG1_GATEWAY, ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-1")));

            assertThat(result)
                    .contains("\"deliveredAt\":" + world.now() + ",")
                    .contains("\"status\":\"DELIVERED\"")
                    .contains("\"updatedByMsp\":\"Org1MSP\"");
            assertThat(world.stub().writes())
                    .containsOnlyKeys(Keys.of(Keys.COMMAND, "c-1"), Keys.of(Keys.DEVICE_GUARD, DEVICE));
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("CommandDelivered");
        }

        @Test
        void rejects_second_delivery() {
            world.submit(
                    Identity.ORG1_GATEWAY, ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-1")));

            assertFails(
                    world,
                    ErrorCode.COMMAND_INVALID_STATE,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-1"))));
        }

        @Test
        void rejects_expired_command() {
            world.advance(3_600_000L);

            assertFails(
                    world,
                    ErrorCode.COMMAND_EXPIRED,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-1"))));
        }

        @Test
        void rejects_gateway_of_issuing_org() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_GATEWAY,
                            ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-1"))));
        }

        @Test
        void rejects_unknown_command() {
            assertFails(
                    world,
                    ErrorCode.COMMAND_NOT_FOUND,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-9"))));
        }
    }

    @Nested
    class CompleteCommand {
        @BeforeEach
        void issueAndDeliver() {
            fleet.issued("c-1");
            world.submit(
                    Identity.ORG1_GATEWAY, ctx -> commands.markCommandDelivered(ctx, Args.json("commandId", "c-1")));
            world.advance(2000);
        }

        @Test
        void records_outcome_with_verified_der_signature() {
            final String completion = fleet.completion("c-1", "SUCCEEDED");

            final String result = world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion));

            assertThat(result)
                    .isEqualTo(world.state(Keys.of(Keys.COMMAND, "c-1")))
                    .contains("\"completedAt\":" + world.now() + ",")
                    .contains("\"resultSha256\":\"" + Fleet.RESULT_SHA256 + "\"")
                    .contains("\"status\":\"SUCCEEDED\"");
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"type\":\"CommandCompleted\"");
        }

        @Test
        void accepts_raw_r_s_signature_from_constrained_devices() {
            final String completion = Args.json(
                    "commandId",
                    "c-1",
                    "status",
                    "FAILED",
                    "resultSha256",
                    Fleet.RESULT_SHA256,
                    "signature",
                    fleet.deviceKey.signRaw(Fleet.receipt("c-1", "FAILED", Fleet.RESULT_SHA256)));

            assertThat(world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion)))
                    .contains("\"status\":\"FAILED\"");
        }

        @Test
        void completes_straight_from_issued() {
            fleet.world.submit(
                    Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-2", DEVICE)));

            assertThat(world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> commands.completeCommand(ctx, fleet.completion("c-2", "REJECTED"))))
                    .contains("\"status\":\"REJECTED\"");
        }

        @Test
        void rejects_signature_by_another_key() {
            final DeviceKeyPair stranger = DeviceKeyPair.p256();
            final String completion = Args.json(
                    "commandId",
                    "c-1",
                    "status",
                    "SUCCEEDED",
                    "resultSha256",
                    Fleet.RESULT_SHA256,
                    "signature",
                    stranger.signDer(Fleet.receipt("c-1", "SUCCEEDED", Fleet.RESULT_SHA256)));

            assertFails(
                    world,
                    ErrorCode.RECEIPT_SIGNATURE_INVALID,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion)));
        }

        @Test
        void rejects_signature_over_another_status() {
            final String completion = Args.json(
                    "commandId",
                    "c-1",
                    "status",
                    "SUCCEEDED",
                    "resultSha256",
                    Fleet.RESULT_SHA256,
                    "signature",
                    fleet.deviceKey.signDer(Fleet.receipt("c-1", "FAILED", Fleet.RESULT_SHA256)));

            assertFails(
                    world,
                    ErrorCode.RECEIPT_SIGNATURE_INVALID,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion)));
        }

        @Test
        void rejects_garbage_signature_bytes() {
            final String completion = Args.json(
                    "commandId", "c-1",
                    "status", "SUCCEEDED",
                    "resultSha256", Fleet.RESULT_SHA256,
                    "signature", "AAECAwQFBgc=");

            assertFails(
                    world,
                    ErrorCode.RECEIPT_SIGNATURE_INVALID,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion)));
        }

        @Test
        void rejects_signature_that_is_not_base64() {
            final String completion =
                    fleet.completion("c-1", "SUCCEEDED").replace("\"signature\":\"", "\"signature\":\"*");

            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion)));
        }

        @Test
        void rejects_second_completion() {
            world.submit(
                    Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, fleet.completion("c-1", "SUCCEEDED")));

            assertFails(
                    world,
                    ErrorCode.COMMAND_ALREADY_COMPLETED,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> commands.completeCommand(ctx, fleet.completion("c-1", "SUCCEEDED"))));
        }

        @Test
        void rejects_expired_command() {
            world.advance(3_600_000L);

            assertFails(
                    world,
                    ErrorCode.COMMAND_EXPIRED,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> commands.completeCommand(ctx, fleet.completion("c-1", "SUCCEEDED"))));
        }

        @Test
        void rejects_non_final_status() {
            final String completion = fleet.completion("c-1", "DELIVERED");

            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion)));
        }

        @Test
        void rejects_unknown_status() {
            final String completion = fleet.completion("c-1", "SUCCEEDED").replace("\"SUCCEEDED\"", "\"DONE\"");

            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> commands.completeCommand(ctx, completion)));
        }

        @Test
        void rejects_operator() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_OPERATOR,
                            ctx -> commands.completeCommand(ctx, fleet.completion("c-1", "SUCCEEDED"))));
        }
    }

    @Nested
    class GetCommand {
        @Test
        void returns_record() {
            fleet.issued("c-1");

            assertThat(world.evaluate(Identity.ORG1_AUDITOR, ctx -> commands.getCommand(ctx, "c-1")))
                    .isEqualTo(world.state(Keys.of(Keys.COMMAND, "c-1")));
        }

        @Test
        void reports_unknown_command() {
            assertFails(
                    world,
                    ErrorCode.COMMAND_NOT_FOUND,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> commands.getCommand(ctx, "c-9")));
        }
    }

    @Nested
    class ListCommandsByDevice {
        @Test
        void lists_in_issue_order_with_paging() {
            fleet.issued("c-9");
            world.advance(10);
            world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, fleet.issueReboot("c-1", DEVICE)));

            final String first = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> commands.listCommandsByDevice(ctx, Args.json("deviceId", DEVICE, "pageSize", 1L)));
            assertThat(first).contains("\"commandId\":\"c-9\"").doesNotContain("\"commandId\":\"c-1\"");

            final String all = world.evaluate(
                    Identity.ORG1_AUDITOR, ctx -> commands.listCommandsByDevice(ctx, Args.json("deviceId", DEVICE)));
            assertThat(all.indexOf("\"commandId\":\"c-9\"")).isLessThan(all.indexOf("\"commandId\":\"c-1\""));
        }

        @Test
        void requires_device_id() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> commands.listCommandsByDevice(ctx, "{}")));
        }
    }
}
