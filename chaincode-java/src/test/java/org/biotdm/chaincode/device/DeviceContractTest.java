package org.biotdm.chaincode.device;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeviceContractTest {
    private Fleet fleet;
    private World world;
    private DeviceContract devices;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        devices = fleet.devices;
    }

    private static String pemJson(final DeviceKeyPair key) {
        return key.publicKeyPem().replace("\n", "\\n");
    }

    private String deviceState(final String deviceId) {
        return world.state(Keys.of(Keys.DEVICE, deviceId));
    }

    private String onlyEventPayload(final String expectedName) {
        final List<ChaincodeEvent> events = world.stub().events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getEventName()).isEqualTo(expectedName);
        return events.get(0).getPayload().toStringUtf8();
    }

    @Nested
    class RegisterDevice {
        @Test
        void writes_sorted_record_indexes_and_owner_endorsement_policy() {
            final String result = world.submit(
                    Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithKey(DEVICE)));

            final String expected = "{\"certFingerprint\":\"" + fleet.deviceKey.fingerprint() + "\","
                    + "\"deviceId\":\"d-1\",\"deviceType\":\"env-sensor\",\"firmwareVersion\":\"1.0.0\","
                    + "\"group\":\"plant-1\",\"metadata\":{\"site\":\"Lyon\"},\"model\":\"Org1MSP/env-sensor\","
                    + "\"ownerMsp\":\"Org1MSP\",\"previousFingerprints\":[],"
                    + "\"publicKeyPem\":\"" + pemJson(fleet.deviceKey) + "\","
                    + "\"registeredAt\":" + World.T0 + ",\"status\":\"PROVISIONED\","
                    + "\"updatedAt\":" + World.T0 + ",\"updatedBy\":\"" + Identity.ORG1_ADMIN.id() + "\","
                    + "\"updatedByMsp\":\"Org1MSP\"}";
            assertThat(result).isEqualTo(expected);
            assertThat(deviceState(DEVICE)).isEqualTo(expected);
            assertThat(world.stub().writes())
                    .containsOnlyKeys(
                            Keys.of(Keys.DEVICE, DEVICE),
                            Keys.of(Keys.DEVICE_BY_OWNER, "Org1MSP", DEVICE),
                            Keys.of(Keys.DEVICE_BY_STATUS, "PROVISIONED", "Org1MSP", DEVICE),
                            Keys.of(Keys.DEVICE_BY_GROUP, "Org1MSP", "plant-1", DEVICE),
                            Keys.of(Keys.DEVICE_GUARD, DEVICE));
            assertThat(world.stub().writes().get(Keys.of(Keys.DEVICE_BY_OWNER, "Org1MSP", DEVICE)))
                    .containsExactly(0);
        }

        @Test
        void sets_key_level_endorsement_requiring_owner_peer() {
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithKey(DEVICE)));

            assertThat(world.keyPolicyOrgs(Keys.of(Keys.DEVICE, DEVICE))).containsExactly("Org1MSP");
            assertThat(world.keyPolicyOrgs(Keys.of(Keys.DEVICE_GUARD, DEVICE))).containsExactly("Org1MSP");
            assertThat(world.stub().metadataWrites())
                    .containsOnlyKeys(Keys.of(Keys.DEVICE, DEVICE), Keys.of(Keys.DEVICE_GUARD, DEVICE));
        }

        @Test
        void emits_one_event_with_type_key_actor_and_txid() {
            final String txId = world.nextTxId();
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithKey(DEVICE)));

            assertThat(onlyEventPayload("DeviceRegistered"))
                    .isEqualTo("{\"actorId\":\"" + Identity.ORG1_ADMIN.id() + "\",\"actorMsp\":\"Org1MSP\","
                            + "\"deviceId\":\"d-1\",\"key\":\"device:d-1\",\"timestamp\":" + World.T0
                            + ",\"txId\":\"" + txId + "\",\"type\":\"DeviceRegistered\"}");
        }

        @Test
        void registers_zero_touch_device_without_key() {
            final String result = world.submit(
                    Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithToken(DEVICE)));

            assertThat(result)
                    .contains("\"claimTokenSha256\":\"" + Fleet.CLAIM_TOKEN_SHA256 + "\"")
                    .doesNotContain("publicKeyPem")
                    .doesNotContain("certFingerprint");
        }

        @Test
        void stores_canonical_pem_whatever_the_line_breaks() {
            final String crlf = fleet.deviceKey.publicKeyPem().replace("\n", "\r\n");
            final String request = fleet.registerWithKey(DEVICE)
                    .replace(pemJson(fleet.deviceKey), crlf.replace("\r", "\\r").replace("\n", "\\n"));

            final String result = world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request));

            assertThat(result).contains("\"publicKeyPem\":\"" + pemJson(fleet.deviceKey) + "\"");
        }

        @Test
        void rejects_duplicate_device_id() {
            fleet.registered(DEVICE);

            assertFails(
                    world,
                    ErrorCode.DEVICE_EXISTS,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithKey(DEVICE))));
        }

        @Test
        void rejects_operator() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG1_OPERATOR, ctx -> devices.registerDevice(ctx, fleet.registerWithKey(DEVICE))));
        }

        @Test
        void rejects_both_key_and_claim_token() {
            final String request = fleet.registerWithKey(DEVICE)
                    .replace("}", ",\"claimTokenSha256\":\"" + Fleet.CLAIM_TOKEN_SHA256 + "\"}")
                    .replace("\"Lyon\"},", "\"Lyon\"},");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }

        @Test
        void rejects_neither_key_nor_claim_token() {
            final String request = Args.json(
                    "deviceId", DEVICE,
                    "deviceType", "env-sensor",
                    "model", Fleet.MODEL,
                    "firmwareVersion", "1.0.0",
                    "group", "plant-1");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }

        @Test
        void rejects_key_on_another_curve() {
            final DeviceKeyPair p384 = DeviceKeyPair.generate("secp384r1");
            final String request = fleet.registerWithKey(DEVICE).replace(pemJson(fleet.deviceKey), pemJson(p384));
            assertThat(assertFails(
                                    world,
                                    ErrorCode.INVALID_ARGUMENT,
                                    () -> world.submit(
                                            Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)))
                            .getMessage())
                    .contains("P-256");
        }

        @Test
        void rejects_id_with_control_character() {
            final String request = fleet.registerWithKey("d-\\u0007");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }

        @Test
        void rejects_id_beyond_64_characters() {
            final String request = fleet.registerWithKey("d".repeat(65));
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }

        @Test
        void rejects_unknown_field() {
            final String request =
                    fleet.registerWithKey(DEVICE).replace("{\"deviceId\"", "{\"owner\":\"x\",\"deviceId\"");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }

        @Test
        void rejects_model_without_manufacturer() {
            final String request = fleet.registerWithKey(DEVICE).replace(Fleet.MODEL, "env-sensor");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }

        @Test
        void rejects_non_semantic_firmware_version() {
            final String request = fleet.registerWithKey(DEVICE).replace("\"1.0.0\"", "\"v1\"");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }

        @Test
        void rejects_too_much_metadata() {
            final Object[] entries = new Object[66];
            for (int i = 0; i < 33; i++) {
                entries[2 * i] = "k" + i;
                entries[2 * i + 1] = "v";
            }
            final String request = fleet.registerWithKey(DEVICE).replace("{\"site\":\"Lyon\"}", Args.json(entries));
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, request)));
        }
    }

    @Nested
    class ClaimDevice {
        private final DeviceKeyPair claimedKey = DeviceKeyPair.p256();

        private String claim() {
            return Args.json(
                    "deviceId", DEVICE,
                    "publicKeyPem", claimedKey.publicKeyPem(),
                    "certFingerprint", claimedKey.fingerprint());
        }

        @BeforeEach
        void registerZeroTouch() {
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithToken(DEVICE)));
            world.advance(1000);
        }

        @Test
        void binds_key_spends_token_and_activates() {
            final String result = world.submit(
                    Identity.ORG1_GATEWAY,
                    Fleet.claimToken(Fleet.CLAIM_TOKEN),
                    ctx -> devices.claimDevice(ctx, claim()));

            assertThat(result)
                    .isEqualTo(deviceState(DEVICE))
                    .contains("\"certFingerprint\":\"" + claimedKey.fingerprint() + "\"")
                    .contains("\"claimedAt\":" + (World.T0 + 1000))
                    .contains("\"claimTokenSha256\":\"" + Fleet.CLAIM_TOKEN_SHA256 + "\"")
                    .contains("\"publicKeyPem\":\"" + pemJson(claimedKey) + "\"")
                    .contains("\"status\":\"ACTIVE\"")
                    .contains("\"updatedBy\":\"" + Identity.ORG1_GATEWAY.id() + "\"");
            assertThat(world.stub().writes())
                    .containsKeys(
                            Keys.of(Keys.DEVICE_BY_STATUS, "ACTIVE", "Org1MSP", DEVICE),
                            Keys.of(Keys.DEVICE_BY_STATUS, "PROVISIONED", "Org1MSP", DEVICE));
            assertThat(world.stub().writes().get(Keys.of(Keys.DEVICE_BY_STATUS, "PROVISIONED", "Org1MSP", DEVICE)))
                    .isNull();
            assertThat(onlyEventPayload("DeviceClaimed")).contains("\"key\":\"device:d-1\"");
        }

        @Test
        void rejects_token_that_does_not_match() {
            assertFails(
                    world,
                    ErrorCode.CLAIM_TOKEN_MISMATCH,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            Fleet.claimToken("another-token-0123456789"),
                            ctx -> devices.claimDevice(ctx, claim())));
        }

        @Test
        void rejects_replayed_token() {
            world.submit(
                    Identity.ORG1_GATEWAY,
                    Fleet.claimToken(Fleet.CLAIM_TOKEN),
                    ctx -> devices.claimDevice(ctx, claim()));

            assertFails(
                    world,
                    ErrorCode.CLAIM_TOKEN_SPENT,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            Fleet.claimToken(Fleet.CLAIM_TOKEN),
                            ctx -> devices.claimDevice(ctx, claim())));
        }

        @Test
        void rejects_missing_token() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> devices.claimDevice(ctx, claim())));
        }

        @Test
        void rejects_device_registered_with_key() {
            fleet.registered("d-2");
            final String request = claim().replace("\"d-1\"", "\"d-2\"");
            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_CLAIMABLE,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            Fleet.claimToken(Fleet.CLAIM_TOKEN),
                            ctx -> devices.claimDevice(ctx, request)));
        }

        @Test
        void rejects_gateway_of_another_org() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_GATEWAY,
                            Fleet.claimToken(Fleet.CLAIM_TOKEN),
                            ctx -> devices.claimDevice(ctx, claim())));
        }

        @Test
        void rejects_unknown_device() {
            final String request = claim().replace("\"d-1\"", "\"d-9\"");
            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_FOUND,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            Fleet.claimToken(Fleet.CLAIM_TOKEN),
                            ctx -> devices.claimDevice(ctx, request)));
        }
    }

    @Nested
    class ActivateDevice {
        @Test
        void moves_provisioned_device_to_active() {
            fleet.registered(DEVICE);
            world.advance(5);

            final String result = world.submit(
                    Identity.ORG1_ADMIN, ctx -> devices.activateDevice(ctx, Args.json("deviceId", DEVICE)));

            assertThat(result).contains("\"status\":\"ACTIVE\"").contains("\"updatedAt\":" + (World.T0 + 5));
            assertThat(onlyEventPayload("DeviceActivated")).contains("\"type\":\"DeviceActivated\"");
        }

        @Test
        void rejects_unclaimed_device() {
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithToken(DEVICE)));

            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_CLAIMED,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> devices.activateDevice(ctx, Args.json("deviceId", DEVICE))));
        }

        @Test
        void rejects_active_device() {
            fleet.active(DEVICE);

            assertFails(
                    world,
                    ErrorCode.DEVICE_INVALID_TRANSITION,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> devices.activateDevice(ctx, Args.json("deviceId", DEVICE))));
        }

        @Test
        void rejects_admin_of_another_org() {
            fleet.registered(DEVICE);

            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_ADMIN, ctx -> devices.activateDevice(ctx, Args.json("deviceId", DEVICE))));
        }
    }

    @Nested
    class SuspendDevice {
        @Test
        void suspends_active_device_with_reason() {
            fleet.active(DEVICE);

            final String result = world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> devices.suspendDevice(ctx, Args.json("deviceId", DEVICE, "reason", "tampering")));

            assertThat(result).contains("\"status\":\"SUSPENDED\",\"statusReason\":\"tampering\"");
            assertThat(world.stub().writes())
                    .containsKey(Keys.of(Keys.DEVICE_BY_STATUS, "SUSPENDED", "Org1MSP", DEVICE));
        }

        @Test
        void requires_reason() {
            fleet.active(DEVICE);

            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> devices.suspendDevice(ctx, Args.json("deviceId", DEVICE))));
        }

        @Test
        void rejects_provisioned_device() {
            fleet.registered(DEVICE);

            assertFails(
                    world,
                    ErrorCode.DEVICE_INVALID_TRANSITION,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> devices.suspendDevice(ctx, Args.json("deviceId", DEVICE, "reason", "x"))));
        }
    }

    @Nested
    class ReactivateDevice {
        @Test
        void returns_suspended_device_to_service() {
            fleet.suspended(DEVICE);

            final String result = world.submit(
                    Identity.ORG1_ADMIN, ctx -> devices.reactivateDevice(ctx, Args.json("deviceId", DEVICE)));

            assertThat(result).contains("\"status\":\"ACTIVE\"").doesNotContain("statusReason");
            assertThat(onlyEventPayload("DeviceReactivated")).contains("\"deviceId\":\"d-1\"");
        }

        @Test
        void rejects_active_device() {
            fleet.active(DEVICE);

            assertFails(
                    world,
                    ErrorCode.DEVICE_INVALID_TRANSITION,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> devices.reactivateDevice(ctx, Args.json("deviceId", DEVICE))));
        }
    }

    @Nested
    class DecommissionDevice {
        @Test
        void retires_suspended_device_and_keeps_record() {
            fleet.suspended(DEVICE);

            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> devices.decommissionDevice(ctx, Args.json("deviceId", DEVICE, "reason", "end of life")));

            assertThat(deviceState(DEVICE)).contains("\"status\":\"DECOMMISSIONED\",\"statusReason\":\"end of life\"");
        }

        @Test
        void rejects_active_device() {
            fleet.active(DEVICE);

            assertFails(
                    world,
                    ErrorCode.DEVICE_INVALID_TRANSITION,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> devices.decommissionDevice(ctx, Args.json("deviceId", DEVICE))));
        }

        @Test
        void is_terminal() {
            fleet.suspended(DEVICE);
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.decommissionDevice(ctx, Args.json("deviceId", DEVICE)));

            assertFails(
                    world,
                    ErrorCode.DEVICE_INVALID_TRANSITION,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> devices.reactivateDevice(ctx, Args.json("deviceId", DEVICE))));
        }
    }

    @Nested
    class RotateDeviceKey {
        private final DeviceKeyPair newKey = DeviceKeyPair.p256();

        private String rotate(final DeviceKeyPair key) {
            return Args.json(
                    "deviceId", DEVICE, "publicKeyPem", key.publicKeyPem(), "certFingerprint", key.fingerprint());
        }

        @Test
        void replaces_key_and_keeps_old_fingerprint() {
            fleet.active(DEVICE);

            final String result =
                    world.submit(Identity.ORG1_GATEWAY, ctx -> devices.rotateDeviceKey(ctx, rotate(newKey)));

            assertThat(result)
                    .contains("\"certFingerprint\":\"" + newKey.fingerprint() + "\"")
                    .contains("\"previousFingerprints\":[\"" + fleet.deviceKey.fingerprint() + "\"]")
                    .contains("\"publicKeyPem\":\"" + pemJson(newKey) + "\"");
            assertThat(onlyEventPayload("DeviceKeyRotated")).contains("\"key\":\"device:d-1\"");
        }

        @Test
        void rejects_a_fingerprint_used_before() {
            fleet.active(DEVICE);
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.rotateDeviceKey(ctx, rotate(newKey)));

            assertFails(
                    world,
                    ErrorCode.DEVICE_KEY_REUSED,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> devices.rotateDeviceKey(ctx, rotate(fleet.deviceKey))));
        }

        @Test
        void rejects_unclaimed_device() {
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithToken(DEVICE)));

            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_CLAIMED,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.rotateDeviceKey(ctx, rotate(newKey))));
        }

        @Test
        void rejects_decommissioned_device() {
            fleet.suspended(DEVICE);
            world.submit(Identity.ORG1_ADMIN, ctx -> devices.decommissionDevice(ctx, Args.json("deviceId", DEVICE)));

            assertFails(
                    world,
                    ErrorCode.DEVICE_DECOMMISSIONED,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.rotateDeviceKey(ctx, rotate(newKey))));
        }

        @Test
        void rejects_invalid_pem() {
            fleet.active(DEVICE);
            final String request = Args.json(
                    "deviceId",
                    DEVICE,
                    "publicKeyPem",
                    "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n",
                    "certFingerprint",
                    newKey.fingerprint());

            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> devices.rotateDeviceKey(ctx, request)));
        }
    }

    @Nested
    class UpdateDeviceMetadata {
        @Test
        void replaces_metadata_and_moves_group_index() {
            fleet.active(DEVICE);

            final String result = world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> devices.updateDeviceMetadata(
                            ctx,
                            Args.json(
                                    "deviceId",
                                    DEVICE,
                                    "metadata",
                                    Args.map("zone", "B", "floor", "2"),
                                    "group",
                                    "plant-2")));

            assertThat(result).contains("\"group\":\"plant-2\",\"metadata\":{\"floor\":\"2\",\"zone\":\"B\"}");
            assertThat(world.stub().writes().get(Keys.of(Keys.DEVICE_BY_GROUP, "Org1MSP", "plant-1", DEVICE)))
                    .isNull();
            assertThat(world.stub().writes().get(Keys.of(Keys.DEVICE_BY_GROUP, "Org1MSP", "plant-2", DEVICE)))
                    .containsExactly(0);
        }

        @Test
        void keeps_group_when_absent() {
            fleet.active(DEVICE);

            final String result = world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> devices.updateDeviceMetadata(ctx, Args.json("deviceId", DEVICE, "metadata", Args.map())));

            assertThat(result).contains("\"group\":\"plant-1\",\"metadata\":{}");
            assertThat(world.stub().writes()).containsOnlyKeys(Keys.of(Keys.DEVICE, DEVICE));
        }

        @Test
        void rejects_metadata_value_with_control_characters() {
            fleet.active(DEVICE);

            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> devices.updateDeviceMetadata(
                                    ctx, Args.json("deviceId", DEVICE, "metadata", Args.map("a", "line\nbreak")))));
        }
    }

    @Nested
    class GetDevice {
        @Test
        void returns_record_to_any_role() {
            fleet.registered(DEVICE);

            assertThat(world.evaluate(Identity.ORG2_OPERATOR, ctx -> devices.getDevice(ctx, DEVICE)))
                    .isEqualTo(deviceState(DEVICE));
        }

        @Test
        void rejects_identity_without_role() {
            fleet.registered(DEVICE);

            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.evaluate(Identity.ORG1_NO_ROLE, ctx -> devices.getDevice(ctx, DEVICE)));
        }

        @Test
        void reports_unknown_device() {
            assertThat(assertFails(
                                    world,
                                    ErrorCode.DEVICE_NOT_FOUND,
                                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> devices.getDevice(ctx, "d-17")))
                            .getMessage())
                    .isEqualTo("[DEVICE_NOT_FOUND] Device d-17 does not exist");
        }
    }

    @Nested
    class ListDevices {
        @BeforeEach
        void registerThree() {
            fleet.registered("d-1").active("d-2").registered("d-3");
            world.submit(Identity.ORG2_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithKey("e-1")));
        }

        private List<String> ids(final String page) {
            return List.of(page.split("\"deviceId\":\"")).stream()
                    .skip(1)
                    .map(part -> part.substring(0, part.indexOf('"')))
                    .collect(java.util.stream.Collectors.toList());
        }

        @Test
        void pages_by_owner_with_bookmark() {
            final String first = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> devices.listDevices(ctx, Args.json("ownerMsp", "Org1MSP", "pageSize", 2L)));

            assertThat(ids(first)).containsExactly("d-1", "d-2");
            assertThat(first).contains("\"fetchedCount\":2");
            final String bookmark =
                    first.substring(first.indexOf("\"bookmark\":\"") + 12, first.indexOf("\",\"fetchedCount\""));
            assertThat(bookmark).isNotEmpty();

            final String second = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> devices.listDevices(
                            ctx, "{\"ownerMsp\":\"Org1MSP\",\"pageSize\":2,\"bookmark\":\"" + bookmark + "\"}"));
            assertThat(ids(second)).containsExactly("d-3");
            assertThat(second).startsWith("{\"bookmark\":\"\",\"fetchedCount\":1,\"records\":[");
        }

        @Test
        void filters_by_status() {
            final String page = world.evaluate(
                    Identity.ORG1_AUDITOR, ctx -> devices.listDevices(ctx, Args.json("status", "PROVISIONED")));

            assertThat(ids(page)).containsExactly("d-1", "d-3", "e-1");
        }

        @Test
        void filters_by_status_and_owner() {
            final String page = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> devices.listDevices(ctx, Args.json("ownerMsp", "Org2MSP", "status", "PROVISIONED")));

            assertThat(ids(page)).containsExactly("e-1");
        }

        @Test
        void filters_by_group() {
            final String page = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> devices.listDevices(ctx, Args.json("ownerMsp", "Org2MSP", "group", "plant-1")));

            assertThat(ids(page)).containsExactly("e-1");
        }

        @Test
        void lists_everything_without_filter() {
            final String page = world.evaluate(Identity.ORG1_AUDITOR, ctx -> devices.listDevices(ctx, "{}"));

            assertThat(ids(page)).containsExactly("d-1", "d-2", "d-3", "e-1");
        }

        @Test
        void rejects_group_without_owner() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(
                            Identity.ORG1_AUDITOR, ctx -> devices.listDevices(ctx, Args.json("group", "plant-1"))));
        }

        @Test
        void rejects_page_size_beyond_limit() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(
                            Identity.ORG1_AUDITOR, ctx -> devices.listDevices(ctx, Args.json("pageSize", 201L))));
        }
    }

    @Nested
    class GetDeviceHistory {
        @Test
        void lists_versions_newest_first_with_actor() {
            fleet.active(DEVICE);

            final String history = world.evaluate(Identity.ORG1_AUDITOR, ctx -> devices.getDeviceHistory(ctx, DEVICE));

            assertThat(history)
                    .startsWith("[{\"actorId\":\"" + Identity.ORG1_ADMIN.id() + "\",\"actorMsp\":\"Org1MSP\","
                            + "\"deleted\":false,\"record\":{\"certFingerprint\"");
            assertThat(history.split("\"txId\":\"")).hasSize(3);
            assertThat(history.indexOf("\"status\":\"ACTIVE\""))
                    .isLessThan(history.indexOf("\"status\":\"PROVISIONED\""));
            assertThat(history).contains("\"txId\":\"tx2\"").contains("\"txId\":\"tx1\"");
        }

        @Test
        void reports_unknown_device() {
            assertFails(
                    world,
                    ErrorCode.DEVICE_NOT_FOUND,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> devices.getDeviceHistory(ctx, "d-9")));
        }
    }

    @Test
    void event_payload_is_valid_utf8_json() {
        fleet.registered(DEVICE);

        assertThat(new String(world.stub().events().get(0).getPayload().toByteArray(), UTF_8))
                .startsWith("{\"actorId\"")
                .endsWith("\"type\":\"DeviceRegistered\"}");
    }
}
