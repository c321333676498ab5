package org.biotdm.chaincode.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;
import static org.biotdm.chaincode.testing.Fleet.MODEL;

import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
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

    private static String update(final String version) {
        return Args.json("deviceId", DEVICE, "version", version);
    }

    @Nested
    class PublishFirmware {
        @Test
        void writes_sorted_record_for_the_manufacturer() {
            final String result =
                    world.submit(Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, Fleet.publish("1.2.0")));

            final String expected = "{\"model\":\"Org1MSP/env-sensor\",\"publishedAt\":" + World.T0
                    + ",\"publisherMsp\":\"Org1MSP\",\"revoked\":false,\"sha256\":\"" + Fleet.FIRMWARE_SHA256
                    + "\",\"signature\":\"c2lnbmF0dXJl\",\"size\":524288,\"updatedAt\":" + World.T0
                    + ",\"updatedBy\":\"" + Identity.ORG1_ADMIN.id() + "\",\"updatedByMsp\":\"Org1MSP\","
                    + "\"version\":\"1.2.0\"}";
            assertThat(result).isEqualTo(expected);
            assertThat(world.state(Keys.of(Keys.FIRMWARE, MODEL, "1.2.0"))).isEqualTo(expected);
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"key\":\"firmware:Org1MSP/env-sensor@1.2.0\"")
                    .contains("\"type\":\"FirmwarePublished\"");
        }

        @Test
        void rejects_admin_of_an_org_not_named_in_the_model() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_ADMIN, ctx -> firmware.publishFirmware(ctx, Fleet.publish("1.2.0"))));
        }

        @Test
        void rejects_operator_of_the_manufacturer() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG1_OPERATOR, ctx -> firmware.publishFirmware(ctx, Fleet.publish("1.2.0"))));
        }

        @Test
        void rejects_republishing_a_version() {
            fleet.published("1.2.0");

            assertFails(
                    world,
                    ErrorCode.FIRMWARE_EXISTS,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, Fleet.publish("1.2.0"))));
        }

        @Test
        void rejects_build_metadata_in_version() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, Fleet.publish("1.2.0+build.5"))));
        }

        @Test
        void rejects_zero_size() {
            final String request = Fleet.publish("1.2.0").replace("\"size\":524288", "\"size\":0");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, request)));
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
        void moves_device_to_published_version() {
            final String result =
                    world.submit(Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, update("1.2.0")));

            assertThat(result).contains("\"firmwareVersion\":\"1.2.0\"");
            assertThat(world.stub().writes()).containsOnlyKeys(Keys.of(Keys.DEVICE, DEVICE));
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"key\":\"device:d-1\"")
                    .contains("\"type\":\"DeviceFirmwareUpdated\"");
        }

        @Test
        void accepts_release_candidate_above_current() {
            assertThat(world.submit(
                            Identity.ORG1_ADMIN, ctx -> firmware.recordFirmwareUpdate(ctx, update("1.3.0-rc.1"))))
                    .contains("\"firmwareVersion\":\"1.3.0-rc.1\"");
        }

        @Test
        void rejects_downgrade() {
            assertFails(
                    world,
                    ErrorCode.FIRMWARE_DOWNGRADE,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, update("0.9.0"))));
        }

        @Test
        void rejects_revoked_version() {
            world.submit(Identity.ORG1_ADMIN, ctx -> firmware.revokeFirmware(ctx, revoke("1.2.0")));

            assertFails(
                    world,
                    ErrorCode.FIRMWARE_REVOKED,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, update("1.2.0"))));
        }

        @Test
        void rejects_unpublished_version() {
            assertFails(
                    world,
                    ErrorCode.FIRMWARE_NOT_FOUND,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, update("2.0.0"))));
        }

        @Test
        void rejects_gateway_of_another_org() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG2_GATEWAY, ctx -> firmware.recordFirmwareUpdate(ctx, update("1.2.0"))));
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
