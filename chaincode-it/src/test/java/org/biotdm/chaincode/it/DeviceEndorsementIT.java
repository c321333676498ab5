package org.biotdm.chaincode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG1;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG2;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG3;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device registration under the chaincode's MAJORITY policy, and the key-level endorsement policy RegisterDevice
 * puts on each device record and guard key, which makes every later change of the device, and every grant or command
 * for it, need a peer of the owner organisation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceEndorsementIT {
    @TempDir
    static Path dataDir;

    private BiotdmNetwork net;
    private BiotdmClient admin;

    @BeforeAll
    void start_network() {
        net = BiotdmNetwork.start(dataDir);
        admin = net.admin(0);
    }

    @AfterAll
    void stop_network() {
        net.close();
    }

    private JsonObject register(String deviceId) throws Exception {
        BiotdmClient.Committed registered = admin.submit(
                "devices",
                "RegisterDevice",
                Requests.registerWithKey(deviceId, "line-1", DeviceKey.generate(net.org(0), deviceId)));
        // Commit status comes from Org1's peer only (as on Fabric); the tests then endorse on the others.
        net.awaitOnEveryPeer(registered.txId());
        return registered.record();
    }

    @Nested
    class RegisterDevice {
        @Test
        void registration_endorsed_by_two_of_three_orgs_commits_and_every_peer_reads_it() throws Exception {
            DeviceKey key = DeviceKey.generate(net.org(0), "reg-1");
            Transaction transaction = admin.proposal(
                            "devices", "RegisterDevice", Requests.registerWithKey("reg-1", "line-1", key))
                    .setEndorsingOrganizations(ORG1, ORG2)
                    .build()
                    .endorse();

            SubmittedTransaction submitted = transaction.submitAsync();
            Status status = submitted.getStatus();

            assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
            assertThat(status.isSuccessful()).isTrue();
            assertThat(status.getTransactionId()).isEqualTo(transaction.getTransactionId());
            JsonObject returned = Json.object(submitted.getResult());
            net.awaitOnEveryPeer(transaction.getTransactionId());
            for (int org = 1; org < 3; org++) {
                JsonObject device = net.gateway(org).evaluateObject("devices", "GetDevice", "reg-1");
                assertThat(device).isEqualTo(returned);
                assertThat(device.get("ownerMsp").getAsString()).isEqualTo(ORG1);
                assertThat(device.get("status").getAsString()).isEqualTo("PROVISIONED");
                assertThat(device.get("publicKeyPem").getAsString()).isEqualTo(key.publicKeyPem());
                assertThat(device.get("certFingerprint").getAsString()).isEqualTo(key.certFingerprint());
                assertThat(device.get("updatedBy").getAsString()).isEqualTo(admin.fabricId());
            }
        }

        @Test
        void registration_endorsed_by_the_gateways_choice_of_peers_commits() throws Exception {
            JsonObject device = register("reg-2");

            assertThat(device.get("deviceId").getAsString()).isEqualTo("reg-2");
            assertThat(admin.evaluateObject("devices", "GetDevice", "reg-2")).isEqualTo(device);
        }

        @Test
        void registration_endorsed_by_one_org_fails_the_majority_policy() throws Exception {
            Transaction transaction = admin.proposal(
                            "devices",
                            "RegisterDevice",
                            Requests.registerWithKey("reg-3", "line-1", DeviceKey.generate(net.org(0), "reg-3")))
                    .setEndorsingOrganizations(ORG1)
                    .build()
                    .endorse();

            assertThatThrownBy(transaction::submit).isInstanceOfSatisfying(CommitException.class, e -> {
                assertThat(e.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
                assertThat(e.getTransactionId()).isEqualTo(transaction.getTransactionId());
            });
            ChaincodeErrors.assertEvaluationFails(
                    () -> admin.evaluate("devices", "GetDevice", "reg-3"), "DEVICE_NOT_FOUND");
        }

        @Test
        void registration_needs_only_the_majority_because_the_key_level_policy_starts_with_the_record()
                throws Exception {
            // Fabric checks a write against the policy the key had before the transaction; a new key has none.
            Transaction transaction = admin.proposal(
                            "devices",
                            "RegisterDevice",
                            Requests.registerWithKey("reg-4", "line-1", DeviceKey.generate(net.org(0), "reg-4")))
                    .setEndorsingOrganizations(ORG2, ORG3)
                    .build()
                    .endorse();

            assertThat(transaction.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
            assertThat(admin.evaluateObject("devices", "GetDevice", "reg-4")
                            .get("ownerMsp")
                            .getAsString())
                    .isEqualTo(ORG1);
        }
    }

    @Nested
    class Key_level_endorsement {
        @Test
        void update_endorsed_without_the_owner_org_fails_and_with_it_commits() throws Exception {
            register("kle-1");
            net.awaitOnEveryPeer(admin.submit("devices", "ActivateDevice", Requests.device("kle-1"))
                    .txId());
            Transaction withoutOwner = admin.proposal(
                            "devices", "SuspendDevice", Requests.device("kle-1", "maintenance"))
                    .setEndorsingOrganizations(ORG2, ORG3)
                    .build()
                    .endorse();

            assertThatThrownBy(withoutOwner::submit).isInstanceOfSatisfying(CommitException.class, e -> {
                assertThat(e.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
                assertThat(e.getTransactionId()).isEqualTo(withoutOwner.getTransactionId());
            });
            assertThat(admin.evaluateObject("devices", "GetDevice", "kle-1")
                            .get("status")
                            .getAsString())
                    .isEqualTo("ACTIVE");

            BiotdmClient.Committed withOwner =
                    admin.submit(admin.proposal("devices", "SuspendDevice", Requests.device("kle-1", "maintenance"))
                            .setEndorsingOrganizations(ORG1, ORG3));

            net.awaitOnEveryPeer(withOwner.txId());
            JsonObject device = net.gateway(2).evaluateObject("devices", "GetDevice", "kle-1");
            assertThat(device.get("status").getAsString()).isEqualTo("SUSPENDED");
            assertThat(device.get("statusReason").getAsString()).isEqualTo("maintenance");
        }

        @Test
        void metadata_update_endorsed_without_the_owner_org_fails() throws Exception {
            JsonObject registered = register("kle-2");
            Transaction withoutOwner = admin.proposal(
                            "devices",
                            "UpdateDeviceMetadata",
                            Json.fields("deviceId", "kle-2", "metadata", Map.of("site", "plant-b")))
                    .setEndorsingOrganizations(ORG2, ORG3)
                    .build()
                    .endorse();

            assertThatThrownBy(withoutOwner::submit)
                    .isInstanceOfSatisfying(CommitException.class, e -> assertThat(e.getCode())
                            .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(admin.evaluateObject("devices", "GetDevice", "kle-2")).isEqualTo(registered);
        }

        @Test
        void update_endorsed_by_the_owner_org_alone_fails_the_majority_on_the_index_keys() throws Exception {
            // The device key needs Org1; the status index keys it moves still fall under MAJORITY.
            register("kle-3");
            Transaction ownerOnly = admin.proposal("devices", "ActivateDevice", Requests.device("kle-3"))
                    .setEndorsingOrganizations(ORG1)
                    .build()
                    .endorse();

            assertThatThrownBy(ownerOnly::submit)
                    .isInstanceOfSatisfying(CommitException.class, e -> assertThat(e.getCode())
                            .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(admin.evaluateObject("devices", "GetDevice", "kle-3")
                            .get("status")
                            .getAsString())
                    .isEqualTo("PROVISIONED");
        }
    }
    /**
     * Grants and commands on an Org1 device need Org1's peer: the device's guard key carries Org1's key-level
     * policy, so Org2 and Org3 together cannot commit them under the chaincode's MAJORITY alone. Grants on an Org1
     * device group write Org1's organisation guard key instead, with the same effect.
     */
    @Nested
    class Owner_endorsement_of_grants_and_commands {
        private static final long HOUR = 3_600_000L;

        private JsonObject activeDevice(String deviceId) throws Exception {
            register(deviceId);
            BiotdmClient.Committed activated = admin.submit("devices", "ActivateDevice", Requests.device(deviceId));
            net.awaitOnEveryPeer(activated.txId());
            return admin.evaluateObject("devices", "GetDevice", deviceId);
        }

        private static void assertInvalidated(Transaction transaction) {
            assertThatThrownBy(transaction::submit).isInstanceOfSatisfying(CommitException.class, e -> {
                assertThat(e.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
                assertThat(e.getTransactionId()).isEqualTo(transaction.getTransactionId());
            });
        }

        @Test
        void grant_on_an_org1_device_endorsed_by_org2_and_org3_only_is_invalidated() throws Exception {
            activeDevice("own-1");
            BiotdmClient grantee = net.gateway(1);
            Map<String, Object> grant =
                    Requests.grant("g-own-1", grantee, "own-1", List.of("reboot"), System.currentTimeMillis() + HOUR);
            Transaction withoutOwner = admin.proposal("grants", "GrantDeviceAccess", grant)
                    .setEndorsingOrganizations(ORG2, ORG3)
                    .build()
                    .endorse();

            assertInvalidated(withoutOwner);
            ChaincodeErrors.assertEvaluationFails(
                    () -> admin.evaluate("grants", "GetGrant", "g-own-1"), "GRANT_NOT_FOUND");

            BiotdmClient.Committed planned = admin.submit("grants", "GrantDeviceAccess", grant);
            assertThat(admin.evaluateObject("grants", "GetGrant", "g-own-1")).isEqualTo(planned.record());
        }

        @Test
        void command_to_an_org1_device_endorsed_by_org2_and_org3_only_is_invalidated() throws Exception {
            activeDevice("own-2");
            BiotdmClient operator = net.client(1, net.issue(1, "operator-own-2", "operator"));
            long expiresAt = System.currentTimeMillis() + HOUR;
            net.awaitOnEveryPeer(admin.submit(
                            "grants",
                            "GrantDeviceAccess",
                            Requests.grant("g-own-2", operator, "own-2", List.of("reboot"), expiresAt))
                    .txId());
            Map<String, Object> command = Requests.issueCommand("c-own-2", "own-2", "reboot", "{}", expiresAt);
            Transaction withoutOwner = operator.proposal("commands", "IssueCommand", command)
                    .setEndorsingOrganizations(ORG2, ORG3)
                    .build()
                    .endorse();

            assertInvalidated(withoutOwner);
            ChaincodeErrors.assertEvaluationFails(
                    () -> operator.evaluate("commands", "GetCommand", "c-own-2"), "COMMAND_NOT_FOUND");

            // Org2's peer plans the endorsement: the guard key's policy it reports adds Org1's peer.
            BiotdmClient.Committed planned = operator.submit("commands", "IssueCommand", command);
            assertThat(planned.record().get("status").getAsString()).isEqualTo("ISSUED");
        }

        @Test
        void grant_and_revocation_on_an_org1_group_endorsed_by_org2_and_org3_only_are_invalidated() throws Exception {
            activeDevice("own-3");
            BiotdmClient grantee = net.gateway(1);
            long expiresAt = System.currentTimeMillis() + HOUR;
            // Org1's first group grant creates Org1's guard key, under Org1's policy (a new key needs the majority).
            BiotdmClient.Committed first = admin.submit(
                    "grants",
                    "GrantDeviceAccess",
                    Requests.groupGrant("g-grp-1", grantee, "line-1", List.of("reboot"), expiresAt));
            net.awaitOnEveryPeer(first.txId());
            Map<String, Object> grant = Requests.groupGrant("g-grp-2", grantee, "line-1", List.of("reboot"), expiresAt);
            Transaction withoutOwner = admin.proposal("grants", "GrantDeviceAccess", grant)
                    .setEndorsingOrganizations(ORG2, ORG3)
                    .build()
                    .endorse();
            Transaction revocationWithoutOwner = admin.proposal(
                            "grants", "RevokeDeviceAccess", Json.fields("grantId", "g-grp-1"))
                    .setEndorsingOrganizations(ORG2, ORG3)
                    .build()
                    .endorse();

            assertInvalidated(withoutOwner);
            assertInvalidated(revocationWithoutOwner);
            ChaincodeErrors.assertEvaluationFails(
                    () -> admin.evaluate("grants", "GetGrant", "g-grp-2"), "GRANT_NOT_FOUND");
            assertThat(admin.evaluateObject("grants", "GetGrant", "g-grp-1")
                            .get("status")
                            .getAsString())
                    .isEqualTo("ACTIVE");

            BiotdmClient.Committed withOwner = admin.submit(
                    admin.proposal("grants", "GrantDeviceAccess", grant).setEndorsingOrganizations(ORG1, ORG3));
            net.awaitOnEveryPeer(withOwner.txId());
            JsonObject committed = net.gateway(2).evaluateObject("grants", "GetGrant", "g-grp-2");
            assertThat(committed).isEqualTo(withOwner.record());
            assertThat(committed.get("ownerMsp").getAsString()).isEqualTo(ORG1);
            assertThat(committed.get("deviceGroup").getAsString()).isEqualTo("line-1");
        }
    }
}
