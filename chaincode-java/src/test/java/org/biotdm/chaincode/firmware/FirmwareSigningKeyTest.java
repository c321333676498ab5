package org.biotdm.chaincode.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;

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

class FirmwareSigningKeyTest {
    private Fleet fleet;
    private World world;
    private FirmwareContract firmware;
    private String keyId;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        firmware = fleet.firmware;
        keyId = Fleet.keyId(fleet.firmwareKey);
    }

    private String register(final Identity who, final DeviceKeyPair key) {
        return world.submit(
                who, ctx -> firmware.registerFirmwareSigningKey(ctx, Args.json("publicKeyPem", key.publicKeyPem())));
    }

    private String revoke(final Identity who, final String id) {
        return world.submit(
                who,
                ctx -> firmware.revokeFirmwareSigningKey(
                        ctx, Args.json("manufacturerMsp", "Org1MSP", "keyId", id, "reason", "rotated")));
    }

    @Nested
    class RegisterFirmwareSigningKey {
        @Test
        void records_the_key_under_its_id_and_the_organisations_endorsement() {
            final String result = register(Identity.ORG1_ADMIN, fleet.firmwareKey);

            final String key = Keys.of(Keys.FIRMWARE_SIGNING_KEY, "Org1MSP", keyId);
            assertThat(world.state(key)).isEqualTo(result);
            assertThat(result)
                    .isEqualTo("{\"keyId\":\"" + keyId + "\",\"manufacturerMsp\":\"Org1MSP\",\"publicKeyPem\":\""
                            + fleet.firmwareKey.publicKeyPem().replace("\n", "\\n") + "\",\"registeredAt\":"
                            + World.T0 + ",\"registeredBy\":\"" + Identity.ORG1_ADMIN.id()
                            + "\",\"revoked\":false,\"updatedAt\":"
                            + World.T0 + ",\"updatedBy\":\"" + Identity.ORG1_ADMIN.id() + "\"}");
            assertThat(world.keyPolicyOrgs(key)).containsExactly("Org1MSP");
            assertThat(world.stub().events().get(0).getEventName()).isEqualTo("FirmwareSigningKeyRegistered");
        }

        @Test
        void rejects_a_key_registered_twice() {
            register(Identity.ORG1_ADMIN, fleet.firmwareKey);

            assertFails(
                    world,
                    ErrorCode.FIRMWARE_SIGNING_KEY_EXISTS,
                    () -> register(Identity.ORG1_ADMIN, fleet.firmwareKey));
        }

        @Test
        void rejects_an_operator() {
            assertFails(world, ErrorCode.ACCESS_DENIED, () -> register(Identity.ORG1_OPERATOR, fleet.firmwareKey));
        }

        @Test
        void rejects_a_key_on_another_curve() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> register(Identity.ORG1_ADMIN, DeviceKeyPair.generate("secp384r1")));
        }
    }

    @Nested
    class RevokeFirmwareSigningKey {
        @Test
        void marks_the_key_revoked_and_keeps_the_record() {
            register(Identity.ORG1_ADMIN, fleet.firmwareKey);
            world.advance(5);

            final String result = revoke(Identity.ORG1_ADMIN, keyId);

            assertThat(result)
                    .contains("\"revocationReason\":\"rotated\",\"revoked\":true,\"revokedAt\":" + (World.T0 + 5));
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"key\":\"firmware_key:Org1MSP@" + keyId + "\"");
        }

        @Test
        void rejects_a_second_revocation() {
            register(Identity.ORG1_ADMIN, fleet.firmwareKey);
            revoke(Identity.ORG1_ADMIN, keyId);

            assertFails(world, ErrorCode.FIRMWARE_SIGNING_KEY_REVOKED, () -> revoke(Identity.ORG1_ADMIN, keyId));
        }

        @Test
        void rejects_the_admin_of_another_organisation() {
            register(Identity.ORG1_ADMIN, fleet.firmwareKey);

            assertFails(world, ErrorCode.ACCESS_DENIED, () -> revoke(Identity.ORG2_ADMIN, keyId));
        }

        @Test
        void reports_an_unknown_key() {
            assertFails(world, ErrorCode.FIRMWARE_SIGNING_KEY_NOT_FOUND, () -> revoke(Identity.ORG1_ADMIN, keyId));
        }
    }

    @Nested
    class Rotation {
        @Test
        void publishes_with_the_new_key_and_refuses_the_old_one() {
            final DeviceKeyPair next = DeviceKeyPair.p256();
            register(Identity.ORG1_ADMIN, fleet.firmwareKey);
            register(Identity.ORG1_ADMIN, next);
            revoke(Identity.ORG1_ADMIN, keyId);

            world.submit(
                    Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, Fleet.publish("1.3.0", 10_300, next)));

            assertFails(
                    world,
                    ErrorCode.FIRMWARE_SIGNING_KEY_REVOKED,
                    () -> world.submit(
                            Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, fleet.publish("1.2.0"))));
            assertThat(world.evaluate(Identity.ORG2_OPERATOR, ctx -> firmware.listFirmwareSigningKeys(ctx, "Org1MSP")))
                    .contains("\"revoked\":true", "\"revoked\":false");
        }
    }

    @Nested
    class SetFirmwareApprovalPolicy {
        @Test
        void stores_the_sorted_policy_under_every_members_endorsement() {
            final String result = world.submit(
                    Identity.ORG2_ADMIN,
                    ctx -> firmware.setFirmwareApprovalPolicy(
                            ctx, Args.json("members", List.of("Org2MSP", "Org1MSP"), "approvals", 1L)));

            assertThat(result).isEqualTo("{\"approvals\":1,\"members\":[\"Org1MSP\",\"Org2MSP\"]}");
            assertThat(world.keyPolicyOrgs(Keys.of(Keys.FIRMWARE_APPROVAL, Keys.APPROVAL_POLICY_ID)))
                    .containsExactlyInAnyOrder("Org1MSP", "Org2MSP");
        }

        @Test
        void rejects_more_approvals_than_other_members() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> firmware.setFirmwareApprovalPolicy(
                                    ctx, Args.json("members", List.of("Org1MSP", "Org2MSP"), "approvals", 2L))));
        }

        @Test
        void rejects_a_policy_without_the_callers_organisation() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_ADMIN,
                            ctx -> firmware.setFirmwareApprovalPolicy(
                                    ctx, Args.json("members", List.of("Org2MSP", "Org3MSP"), "approvals", 1L))));
        }
    }
}
