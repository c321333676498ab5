package org.biotdm.chaincode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG2;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG3;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareReceipt;
import org.biotdm.protocol.firmware.SigningKey;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write transaction that changes state emits exactly one chaincode event, named after its type, whose payload
 * names the type, the record key, the actor and the transaction; the gateway's ChaincodeEvents stream delivers it
 * for valid transactions only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeEventsIT {
    private static final String FIRMWARE = "firmware:" + Requests.MODEL + "@";
    private static final List<String> EVENT_TYPES = List.of(
            "DeviceRegistered",
            "DeviceClaimed",
            "DeviceActivated",
            "DeviceSuspended",
            "DeviceReactivated",
            "DeviceDecommissioned",
            "DeviceKeyRotated",
            "DeviceMetadataUpdated",
            "DeviceFirmwareUpdated",
            "DeviceAccessGranted",
            "DeviceAccessRevoked",
            "CommandIssued",
            "CommandDelivered",
            "CommandCompleted",
            "TelemetryAnchored",
            "FirmwarePublished",
            "FirmwareRevoked",
            "FirmwareSigningKeyRegistered");

    @TempDir
    static Path dataDir;

    private BiotdmNetwork net;
    private BiotdmClient admin;
    private BiotdmClient gateway;
    private BiotdmClient operator;
    private final List<Write> writes = new ArrayList<>();
    private final DeviceKey firmwareKey = DeviceKey.signingKey();

    /** A committed write and the event it must have emitted. */
    private record Write(
            BiotdmClient.Committed committed, BiotdmClient actor, String type, String key, String deviceId) {}

    @BeforeAll
    void start_network() {
        net = BiotdmNetwork.start(dataDir);
        admin = net.admin(0);
        gateway = net.gateway(0);
        operator = net.client(0, net.issue(0, "operator1", "operator"));
    }

    @AfterAll
    void stop_network() {
        net.close();
    }

    private JsonObject write(
            BiotdmClient actor,
            String contract,
            String transaction,
            Map<String, Object> argument,
            String type,
            String key,
            String deviceId)
            throws Exception {
        BiotdmClient.Committed committed = actor.submit(contract, transaction, argument);
        writes.add(new Write(committed, actor, type, key, deviceId));
        return committed.record();
    }

    private JsonObject deviceWrite(BiotdmClient actor, String transaction, Map<String, Object> argument, String type)
            throws Exception {
        String deviceId = (String) argument.get("deviceId");
        return write(actor, "devices", transaction, argument, type, "device:" + deviceId, deviceId);
    }

    @Test
    void every_write_emits_exactly_one_event_with_type_key_actor_and_txid() throws Exception {
        long startBlock = net.devnet().peers().get(0).ledger().height();
        publishAndRevokeFirmware();
        runDeviceLifecycle("ev-1");
        runCommandRoundTrip("ev-1");
        retireDevice("ev-1");
        String invalidTxId = claimDevice("ev-2");
        TelemetryWindows.Window window = TelemetryWindows.occupancyHours().get(0);
        write(
                gateway,
                "anchors",
                "AnchorTelemetry",
                window.anchorRequest(),
                "TelemetryAnchored",
                "anchor:" + window.windowId(),
                null);

        List<ChaincodeEvent> events = EventLog.readThrough(
                net.gateway(1).network(),
                startBlock,
                writes.get(writes.size() - 1).committed().txId());

        assertThat(events)
                .extracting(ChaincodeEvent::getTransactionId)
                .doesNotContain(invalidTxId)
                .containsExactlyElementsOf(
                        writes.stream().map(w -> w.committed().txId()).toList());
        for (int i = 0; i < writes.size(); i++) {
            assertEvent(events.get(i), writes.get(i));
        }
        Set<String> types = new LinkedHashSet<>();
        writes.forEach(w -> types.add(w.type()));
        assertThat(types).containsExactlyInAnyOrderElementsOf(EVENT_TYPES);
    }

    private void assertEvent(ChaincodeEvent event, Write write) {
        JsonObject payload = Json.object(event.getPayload());
        String txId = write.committed().txId();
        assertThat(event.getChaincodeName()).isEqualTo(BiotdmNetwork.CHAINCODE);
        assertThat(event.getEventName()).as(txId).isEqualTo(write.type());
        assertThat(event.getBlockNumber()).isEqualTo(write.committed().blockNumber());
        assertThat(payload.get("type").getAsString()).isEqualTo(write.type());
        assertThat(payload.get("key").getAsString()).isEqualTo(write.key());
        assertThat(payload.get("actorId").getAsString()).isEqualTo(write.actor().fabricId());
        assertThat(payload.get("actorMsp").getAsString())
                .isEqualTo(write.actor().mspId());
        assertThat(payload.get("txId").getAsString()).isEqualTo(txId);
        assertThat(payload.get("timestamp").getAsLong())
                .isEqualTo(write.committed().record().get("updatedAt").getAsLong());
        if (write.deviceId() == null) {
            assertThat(payload.has("deviceId")).as(txId).isFalse();
        } else {
            assertThat(payload.get("deviceId").getAsString()).isEqualTo(write.deviceId());
        }
        BlockTransactions.Tx inBlock = BlockTransactions.of(
                        net.devnet().peers().get(1).ledger().block(event.getBlockNumber()), BiotdmNetwork.CHAINCODE)
                .stream()
                .filter(tx -> tx.txId().equals(txId))
                .findFirst()
                .orElseThrow();
        assertThat(inBlock.code()).isEqualTo(TxValidationCode.VALID);
        assertThat(inBlock.event()).hasValueSatisfying(e -> {
            assertThat(e.getEventName()).isEqualTo(write.type());
            assertThat(e.getPayload().toByteArray()).isEqualTo(event.getPayload());
        });
    }

    private void publishAndRevokeFirmware() throws Exception {
        String keyId = SigningKey.keyId(firmwareKey.publicKeyPem());
        write(
                admin,
                "firmware",
                "RegisterFirmwareSigningKey",
                Json.fields("publicKeyPem", firmwareKey.publicKeyPem()),
                "FirmwareSigningKeyRegistered",
                "firmware_key:" + manifest("1.1.0", keyId).manufacturer() + "@" + keyId,
                null);
        for (String version : List.of("1.1.0", "1.2.0")) {
            FirmwareManifest manifest = manifest(version, keyId);
            write(
                    admin,
                    "firmware",
                    "PublishFirmware",
                    manifest.withSignature(firmwareKey.signManifest(manifest)).toFields(),
                    "FirmwarePublished",
                    FIRMWARE + version,
                    null);
        }
        write(
                admin,
                "firmware",
                "RevokeFirmware",
                Json.fields("model", Requests.MODEL, "version", "1.2.0", "reason", "bricks rev-B boards"),
                "FirmwareRevoked",
                FIRMWARE + "1.2.0",
                null);
    }

    private static FirmwareManifest manifest(String version, String keyId) {
        return new FirmwareManifest(
                Requests.MODEL,
                version,
                Long.parseLong(version.replace(".", "")),
                482_304L,
                Digests.sha256Hex("image " + version),
                keyId,
                null);
    }

    private void runDeviceLifecycle(String deviceId) throws Exception {
        DeviceKey deviceKey = DeviceKey.generate(net.org(0), deviceId);
        deviceWrite(
                admin, "RegisterDevice", Requests.registerWithKey(deviceId, "line-1", deviceKey), "DeviceRegistered");
        deviceWrite(admin, "ActivateDevice", Requests.device(deviceId), "DeviceActivated");
        deviceWrite(
                admin,
                "UpdateDeviceMetadata",
                Json.fields("deviceId", deviceId, "metadata", Map.of("site", "plant-b"), "group", "line-2"),
                "DeviceMetadataUpdated");
        write(
                gateway,
                "firmware",
                "RecordFirmwareUpdate",
                Json.fields(
                        "deviceId",
                        deviceId,
                        "version",
                        "1.1.0",
                        "signature",
                        deviceKey.signInstallation(FirmwareReceipt.of(deviceId, manifest("1.1.0", "00".repeat(32))))),
                "DeviceFirmwareUpdated",
                "device:" + deviceId,
                deviceId);
    }

    private void runCommandRoundTrip(String deviceId) throws Exception {
        DeviceKey rotated = DeviceKey.generate(net.org(0), deviceId);
        deviceWrite(gateway, "RotateDeviceKey", Requests.deviceKey(deviceId, rotated), "DeviceKeyRotated");
        write(
                admin,
                "grants",
                "GrantDeviceAccess",
                Requests.grant("g-ev", operator, deviceId, List.of("reboot"), System.currentTimeMillis() + 3_600_000L),
                "DeviceAccessGranted",
                "grant:g-ev",
                deviceId);
        JsonObject issued = write(
                operator,
                "commands",
                "IssueCommand",
                Requests.issueCommand("c-ev", deviceId, "reboot", "{}", System.currentTimeMillis() + 600_000L),
                "CommandIssued",
                "command:c-ev",
                deviceId);
        write(
                gateway,
                "commands",
                "MarkCommandDelivered",
                Requests.command("c-ev"),
                "CommandDelivered",
                "command:c-ev",
                deviceId);
        CommandReceipt receipt = CommandReceipt.of(issued, "SUCCEEDED", Digests.sha256Hex("done"));
        write(
                gateway,
                "commands",
                "CompleteCommand",
                Requests.completeCommand(receipt, rotated.sign(receipt)),
                "CommandCompleted",
                "command:c-ev",
                deviceId);
        write(
                admin,
                "grants",
                "RevokeDeviceAccess",
                Json.fields("grantId", "g-ev", "reason", "job done"),
                "DeviceAccessRevoked",
                "grant:g-ev",
                deviceId);
    }

    private void retireDevice(String deviceId) throws Exception {
        deviceWrite(admin, "SuspendDevice", Requests.device(deviceId, "inspection"), "DeviceSuspended");
        deviceWrite(admin, "ReactivateDevice", Requests.device(deviceId), "DeviceReactivated");
        deviceWrite(admin, "SuspendDevice", Requests.device(deviceId, "end of life"), "DeviceSuspended");
        deviceWrite(admin, "DecommissionDevice", Requests.device(deviceId), "DeviceDecommissioned");
    }

    /** Claims a device, then submits a change the owner's peer did not endorse; returns that invalid tx's id. */
    private String claimDevice(String deviceId) throws Exception {
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        deviceWrite(
                admin,
                "RegisterDevice",
                Requests.registerForClaim(deviceId, "line-1", Digests.sha256Hex(token)),
                "DeviceRegistered");
        BiotdmClient.Committed claimed = gateway.submit(gateway.proposal(
                        "devices",
                        "ClaimDevice",
                        Requests.deviceKey(deviceId, DeviceKey.generate(net.org(0), deviceId)))
                .putTransient("claimToken", token));
        writes.add(new Write(claimed, gateway, "DeviceClaimed", "device:" + deviceId, deviceId));
        // Org2 and Org3 endorse next: wait until their peers have committed the claim too.
        net.awaitOnEveryPeer(claimed.txId());
        Transaction invalid = admin.proposal("devices", "SuspendDevice", Requests.device(deviceId, "never"))
                .setEndorsingOrganizations(ORG2, ORG3)
                .build()
                .endorse();
        assertThatThrownBy(invalid::submit).isInstanceOfSatisfying(CommitException.class, e -> assertThat(e.getCode())
                .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
        return invalid.getTransactionId();
    }
}
