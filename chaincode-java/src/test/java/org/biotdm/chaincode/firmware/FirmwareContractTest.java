package org.biotdm.chaincode.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;
import static org.biotdm.chaincode.testing.Fleet.MODEL;

import java.util.List;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.DeviceKeyPair;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FirmwareContractTest {
    private Fleet fleet;
    private World world;
    private FirmwareContract firmware;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        firmware = fleet.firmware;
    }

    private static String revoke(final String version) {
        return Args.json("model", MODEL, "version", version, "reason", "CVE-2024-0001");
    }

    private String revokeKey() {
        return Args.json("manufacturerMsp", "Org1MSP", "keyId", Fleet.keyId(fleet.firmwareKey), "reason", "rotated");
    }

    private static String signatureOf(final String publishRequest) {
        return publishRequest.replaceFirst(".*\"signature\":\"([^\"]+)\".*", "$1");
    }

    @Nested
    class PublishFirmware {
        @BeforeEach
        void signingKey() {
            fleet.withFirmwareKey();
        }

        @Test
        void writes_sorted_record_for_the_manufacturer() {
            final String request = fleet.publish("1.2.0");
            final String result = world.submit(Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, request));

            final String expected = "{\"keyId\":\"" + Fleet.keyId(fleet.firmwareKey)
                    + "\",\"model\":\"Org1MSP/env-sensor\","
                    + "\"publishedAt\":" + World.T0
                    + ",\"publisherMsp\":\"Org1MSP\",\"revoked\":false,\"sequence\":10200,"
                    + "\"sha256\":\"" + Fleet.FIRMWARE_SHA256 + "\",\"signature\":\"" + signatureOf(request)
                    + "\",\"size\":524288,\"updatedAt\":" + World.T0 + ",\"updatedBy\":\"" + Identity.ORG1_ADMIN.id()
                    + "\",\"updatedByMsp\":\"Org1MSP\",\"version\":\"1.2.0\"}";
            assertThat(result).isEqualTo(expected);
            assertThat(world.state(Keys.of(Keys.FIRMWARE, MODEL, "1.2.0"))).isEqualTo(expected);
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"key\":\"firmware:Org1MSP/env-sensor@1.2.0\"")
                    .contains("\"type\":\"FirmwarePublished\"");
        }

        @Test
        void puts_record_and_guard_under_the_manufacturer_alone_without_an_approval_policy() {
            fleet.published("1.2.0");

            assertThat(world.keyPolicyOrgs(Keys.of(Keys.FIRMWARE, MODEL, "1.2.0")))
                    .containsExactly("Org1MSP");
            assertThat(world.keyPolicyOrgs(Keys.of(Keys.FIRMWARE_GUARD, "Org1MSP")))
                    .containsExactly("Org1MSP");
        }

        @Test
        void needs_the_manufacturer_and_the_configured_number_of_other_members() throws Exception {
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> firmware.setFirmwareApprovalPolicy(
                            ctx, Args.json("members", List.of("Org3MSP", "Org1MSP", "Org2MSP"), "approvals", 2L)));

            fleet.published("1.2.0");

            for (final String key :
                    List.of(Keys.of(Keys.FIRMWARE, MODEL, "1.2.0"), Keys.of(Keys.FIRMWARE_GUARD, "Org1MSP"))) {
                final SignaturePolicyEnvelope policy =
                        SignaturePolicyEnvelope.parseFrom(world.stub().committedValidationParameter(key));
                assertThat(policy.getIdentitiesList())
                        .extracting(p -> MSPRole.parseFrom(p.getPrincipal()).getMspIdentifier())
                        .containsExactly("Org1MSP", "Org2MSP", "Org3MSP");
                final SignaturePolicy.NOutOf both = policy.getRule().getNOutOf();
                assertThat(both.getN()).isEqualTo(2);
                assertThat(both.getRules(0).getSignedBy()).isZero();
                assertThat(both.getRules(1).getNOutOf().getN()).isEqualTo(2);
                assertThat(both.getRules(1).getNOutOf().getRulesList())
                        .extracting(SignaturePolicy::getSignedBy)
                        .containsExactly(1, 2);
            }
        }

        @Test
        void rejects_admin_of_an_org_not_named_in_the_model() {
            assertPublishFails(Identity.ORG2_ADMIN, fleet.publish("1.2.0"), ErrorCode.ACCESS_DENIED);
        }

        @Test
        void rejects_operator_of_the_manufacturer() {
            assertPublishFails(Identity.ORG1_OPERATOR, fleet.publish("1.2.0"), ErrorCode.ACCESS_DENIED);
        }

        @Test
        void rejects_republishing_a_version() {
            fleet.published("1.2.0");

            assertPublishFails(Identity.ORG1_ADMIN, fleet.publish("1.2.0"), ErrorCode.FIRMWARE_EXISTS);
        }

        @Test
        void rejects_build_metadata_in_version_as_an_invalid_manifest() {
            assertPublishFails(
                    Identity.ORG1_ADMIN, fleet.publish("1.2.0+build.5"), ErrorCode.FIRMWARE_MANIFEST_INVALID);
        }

        @Test
        void rejects_zero_size_as_an_invalid_manifest() {
            final String request = fleet.publish("1.2.0").replace("\"size\":524288", "\"size\":0");

            assertPublishFails(Identity.ORG1_ADMIN, request, ErrorCode.FIRMWARE_MANIFEST_INVALID);
        }

        @Test
        void rejects_a_sequence_beyond_32_bits_as_an_invalid_manifest() {
            assertPublishFails(
                    Identity.ORG1_ADMIN,
                    Fleet.publish("1.2.0", 4_294_967_296L, fleet.firmwareKey),
                    ErrorCode.FIRMWARE_MANIFEST_INVALID);
        }

        @Test
        void rejects_an_unsigned_manifest() {
            final String signed = fleet.publish("1.2.0");
            final String request = signed.replace(signatureOf(signed), "");

            assertPublishFails(Identity.ORG1_ADMIN, request, ErrorCode.FIRMWARE_UNSIGNED);
        }

        @Test
        void rejects_a_key_the_manufacturer_never_registered() {
            assertPublishFails(
                    Identity.ORG1_ADMIN,
                    Fleet.publish("1.2.0", 10_200, DeviceKeyPair.p256()),
                    ErrorCode.FIRMWARE_SIGNING_KEY_UNKNOWN);
        }

        @Test
        void rejects_a_key_registered_by_another_organisation() {
            final DeviceKeyPair org2Key = DeviceKeyPair.p256();
            world.submit(
                    Identity.ORG2_ADMIN,
                    ctx -> firmware.registerFirmwareSigningKey(ctx, Args.json("publicKeyPem", org2Key.publicKeyPem())));

            assertPublishFails(
                    Identity.ORG1_ADMIN,
                    Fleet.publish("1.2.0", 10_200, org2Key),
                    ErrorCode.FIRMWARE_SIGNING_KEY_UNKNOWN);
        }

        @Test
        void rejects_a_revoked_key() {
            world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmwareSigningKey(ctx, revokeKey()));

            assertPublishFails(Identity.ORG1_ADMIN, fleet.publish("1.2.0"), ErrorCode.FIRMWARE_SIGNING_KEY_REVOKED);
        }

        @Test
        void rejects_a_manifest_modified_after_signing() {
            final String request = fleet.publish("1.2.0").replace("\"sequence\":10200", "\"sequence\":99999");

            assertPublishFails(Identity.ORG1_ADMIN, request, ErrorCode.FIRMWARE_SIGNATURE_INVALID);
        }

        @Test
        void rejects_a_signature_by_another_key_than_key_id_names() {
            final String forged = fleet.publish("1.2.0")
                    .replace(
                            signatureOf(fleet.publish("1.2.0")),
                            DeviceKeyPair.p256().signRaw(Fleet.manifestText("1.2.0", 10_200, fleet.firmwareKey)));

            assertPublishFails(Identity.ORG1_ADMIN, forged, ErrorCode.FIRMWARE_SIGNATURE_INVALID);
        }

        private void assertPublishFails(final Identity who, final String request, final ErrorCode code) {
            final String before = world.state(Keys.of(Keys.FIRMWARE, MODEL, "1.2.0"));

            assertFails(world, code, () -> world.submit(who, ctx -> firmware.publishFirmware(ctx, request)));
            assertThat(world.state(Keys.of(Keys.FIRMWARE, MODEL, "1.2.0"))).isEqualTo(before);
        }
    }

    @Nested
    class RevokeFirmware {
        @Test
        void marks_version_revoked() {
            fleet.published("1.2.0");
            world.advance(7);

            final String result =
                    world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmware(ctx, revoke("1.2.0")));

            assertThat(result)
                    .contains(
                            "\"revocationReason\":\"CVE-2024-0001\",\"revoked\":true,\"revokedAt\":" + (World.T0 + 7));
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("FirmwareRevoked");
        }

        @Test
        void rejects_second_revocation() {
            fleet.published("1.2.0");
            world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmware(ctx, revoke("1.2.0")));

            assertFails(
                    world,
                    ErrorCode.FIRMWARE_REVOKED,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmware(ctx, revoke("1.2.0"))));
        }

        @Test
        void rejects_unknown_version() {
            assertFails(
                    world,
                    ErrorCode.FIRMWARE_NOT_FOUND,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmware(ctx, revoke("9.9.9"))));
        }
    }

    @Nested
    class RecordFirmwareUpdate {
        @BeforeEach
        void activeDeviceAndFirmware() {
            fleet.active(DEVICE).published("1.2.0").published("0.9.0").published("1.3.0-rc.1");
        }

        @Test
        void moves_device_to_published_version_with_its_signed_receipt() {
            final String result = world.submit(
                    Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, fleet.installed(DEVICE, "1.2.0")));

            assertThat(result).contains("\"firmwareVersion\":\"1.2.0\"");
            assertThat(world.stub().writes()).containsOnlyKeys(Keys.of(Keys.DEVICE, DEVICE));
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"key\":\"device:d-1\"")
                    .contains("\"type\":\"DeviceFirmwareUpdated\"");
        }

        @Test
        void accepts_a_higher_sequence_after_an_update() {
            world.submit(
                    Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, fleet.installed(DEVICE, "1.2.0")));

            assertThat(world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> firmware.recordFirmwareUpdate(ctx, fleet.installed(DEVICE, "1.3.0-rc.1"))))
                    .contains("\"firmwareVersion\":\"1.3.0-rc.1\"");
        }

        @Test
        void rejects_a_lower_sequence() {
            world.submit(
                    Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, fleet.installed(DEVICE, "1.2.0")));

            assertRecordFails(fleet.installed(DEVICE, "0.9.0"), ErrorCode.FIRMWARE_DOWNGRADE);
        }

        @Test
        void rejects_a_replayed_receipt_of_the_installed_version() {
            final String receipt = fleet.installed(DEVICE, "1.2.0");
            world.submit(Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, receipt));

            assertRecordFails(receipt, ErrorCode.FIRMWARE_DOWNGRADE);
        }

        @Test
        void rejects_a_receipt_signed_by_another_key() {
            final String forged = fleet.installed(DEVICE, "1.2.0")
                    .replaceFirst("\"signature\":\"[^\"]+\"", "\"signature\":\"" + fleet.nextKey.signRaw("x") + "\"");

            assertRecordFails(forged, ErrorCode.RECEIPT_SIGNATURE_INVALID);
        }

        @Test
        void rejects_a_receipt_of_another_version() {
            final String signedFor09 = fleet.installed(DEVICE, "0.9.0").replace("0.9.0", "1.2.0");

            assertRecordFails(signedFor09, ErrorCode.RECEIPT_SIGNATURE_INVALID);
        }

        @Test
        void rejects_a_request_without_receipt() {
            assertRecordFails(Args.json("deviceId", DEVICE, "version", "1.2.0"), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void rejects_revoked_version() {
            world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmware(ctx, revoke("1.2.0")));

            assertRecordFails(fleet.installed(DEVICE, "1.2.0"), ErrorCode.FIRMWARE_REVOKED);
        }

        @Test
        void rejects_unpublished_version() {
            assertRecordFails(fleet.installed(DEVICE, "2.0.0"), ErrorCode.FIRMWARE_NOT_FOUND);
        }

        @Test
        void rejects_gateway_of_another_org() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_GATEWAY,
                            ctx -> firmware.recordFirmwareUpdate(ctx, fleet.installed(DEVICE, "1.2.0"))));
        }

        private void assertRecordFails(final String request, final ErrorCode code) {
            assertFails(
                    world,
                    code,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, request)));
        }
    }

    @Nested
    class GetFirmware {
        @Test
        void returns_record() {
            fleet.published("1.2.0");

            assertThat(world.evaluate(Identity.ORG2_OPERATOR, ctx -> firmware.getFirmware(ctx, MODEL, "1.2.0")))
                    .isEqualTo(world.state(Keys.of(Keys.FIRMWARE, MODEL, "1.2.0")));
        }

        @Test
        void reports_unknown_version() {
            assertFails(
                    world,
                    ErrorCode.FIRMWARE_NOT_FOUND,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> firmware.getFirmware(ctx, MODEL, "1.0.0")));
        }
    }

    @Nested
    class ListFirmware {
        @Test
        void lists_a_models_versions_including_revoked() {
            fleet.published("1.0.0").published("1.1.0");
            world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmware(ctx, revoke("1.0.0")));

            final String page =
                    world.evaluate(Identity.ORG1_AUDITOR, ctx -> firmware.listFirmware(ctx, Args.json("model", MODEL)));

            assertThat(page)
                    .startsWith("{\"bookmark\":\"\",\"fetchedCount\":2,\"records\":[")
                    .contains("\"revoked\":true")
                    .contains("\"version\":\"1.1.0\"");
        }

        @Test
        void requires_model() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> firmware.listFirmware(ctx, "{}")));
        }
    }
}
