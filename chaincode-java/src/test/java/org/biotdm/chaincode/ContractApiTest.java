package org.biotdm.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.testing.FabricIdentities;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.InMemoryStub;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.RouterHarness;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives the chaincode through the unmodified Contract API router with real Fabric CA-style certificates, as the
 * peer would: routing by {@code contract:Transaction}, Context and ClientIdentity from the creator, error mapping
 * and the {@code org.hyperledger.fabric:GetMetadata} system transaction.
 */
class ContractApiTest {
    private static ContractRouter router;

    @BeforeAll
    static void startRouter() {
        router = RouterHarness.start();
    }

    private static Response invoke(final InMemoryStub stub, final byte[] creator, final String... args) {
        stub.setInvocation(List.of(args), creator);
        return router.invoke(stub);
    }

    private static InMemoryStub stubAt(final String txId) {
        final InMemoryStub stub = new InMemoryStub();
        Fleet.beginOn(stub, txId, Instant.parse("2024-01-01T00:00:00Z"), Map.of());
        return stub;
    }

    @Test
    void metadata_lists_every_transaction_under_its_contract() {
        final Response response = invoke(
                stubAt("tx1"),
                FabricIdentities.creator("Org1MSP", "auditor", "auditor"),
                "org.hyperledger.fabric:GetMetadata");

        final String metadata = response.getStringPayload();
        assertThat(response.getStatus()).isEqualTo(Response.Status.SUCCESS);
        final List<String> expected = new ArrayList<>(List.of(
                "RegisterDevice",
                "ClaimDevice",
                "RegisterDevices",
                "ClaimDevices",
                "GetDevices",
                "ActivateDevice",
                "SuspendDevice",
                "ReactivateDevice",
                "DecommissionDevice",
                "RotateDeviceKey",
                "UpdateDeviceMetadata",
                "GetDevice",
                "ListDevices",
                "GetDeviceHistory",
                "GrantDeviceAccess",
                "RevokeDeviceAccess",
                "GetGrant",
                "ListGrants",
                "IssueCommand",
                "MarkCommandDelivered",
                "CompleteCommand",
                "GetCommand",
                "ListCommandsByDevice",
                "AnchorTelemetry",
                "GetAnchor",
                "ListAnchors",
                "PublishFirmware",
                "RevokeFirmware",
                "RecordFirmwareUpdate",
                "GetFirmware",
                "ListFirmware",
                "RegisterFirmwareSigningKey",
                "RevokeFirmwareSigningKey",
                "ListFirmwareSigningKeys",
                "SetFirmwareApprovalPolicy",
                "AuditTrail",
                "CreateGroup",
                "AddGroupMember",
                "RemoveGroupMember",
                "SetGroupPolicy",
                "GetGroup",
                "ListGroups",
                "RegisterRule",
                "UpdateRule",
                "EnableRule",
                "DisableRule",
                "GetRule",
                "ListRules",
                "SetDesiredConfiguration",
                "ReportConfiguration",
                "GetConfiguration"));
        assertThat(expected).hasSize(51).allSatisfy(name -> assertThat(metadata).contains("\"name\":\"" + name + "\""));
        assertThat(metadata)
                .contains(
                        "\"devices\"",
                        "\"grants\"",
                        "\"commands\"",
                        "\"anchors\"",
                        "\"firmware\"",
                        "\"audit\"",
                        "\"groups\"",
                        "\"rules\"",
                        "\"configuration\"");
    }

    @Test
    void register_device_through_router_reads_role_from_certificate() {
        final InMemoryStub stub = stubAt("tx1");
        final Fleet fleet = new Fleet();

        final Response response = invoke(
                stub,
                FabricIdentities.creator("Org1MSP", "alice", "admin"),
                "devices:RegisterDevice",
                fleet.registerWithKey("d-1"));

        assertThat(response.getStatus()).isEqualTo(Response.Status.SUCCESS);
        assertThat(response.getStringPayload())
                .contains("\"ownerMsp\":\"Org1MSP\"")
                .contains("\"updatedBy\":\"x509::CN=alice, OU=client, O=org1::CN=ca.org1, O=org1\"");
        assertThat(new String(stub.writes().get(Keys.of(Keys.DEVICE, "d-1")), UTF_8))
                .isEqualTo(response.getStringPayload());
        assertThat(stub.getEvent().getEventName()).isEqualTo("DeviceRegistered");
    }

    @Test
    void chaincode_errors_reach_the_client_with_code_in_message_and_payload() {
        final Response response = invoke(
                stubAt("tx1"), FabricIdentities.creator("Org1MSP", "carol", "auditor"), "devices:GetDevice", "d-17");

        assertThat(response.getStatus()).isEqualTo(Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(response.getMessage()).isEqualTo("[DEVICE_NOT_FOUND] Device d-17 does not exist");
        assertThat(response.getStringPayload()).isEqualTo("DEVICE_NOT_FOUND");
    }

    @Test
    void certificate_without_role_attribute_is_denied() {
        final Fleet fleet = new Fleet();

        final Response response = invoke(
                stubAt("tx1"),
                FabricIdentities.creator("Org1MSP", "mallory", null),
                "devices:RegisterDevice",
                fleet.registerWithKey("d-1"));

        assertThat(response.getMessage()).startsWith("[ACCESS_DENIED] ");
    }

    @Test
    void role_value_in_another_case_is_no_role() {
        final Fleet fleet = new Fleet();

        final Response response = invoke(
                stubAt("tx1"),
                FabricIdentities.creator("Org1MSP", "eve", "Admin"),
                "devices:RegisterDevice",
                fleet.registerWithKey("d-1"));

        assertThat(response.getMessage()).startsWith("[ACCESS_DENIED] ");
    }
}
