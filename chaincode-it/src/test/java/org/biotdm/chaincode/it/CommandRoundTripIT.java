package org.biotdm.chaincode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG1;
import static org.biotdm.chaincode.it.ChaincodeErrors.assertEndorsementFails;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The command round trip on the dev network: an operator with a grant issues a command to an active device, the
 * owner organisation's gateway records its delivery and its completion with the device's ECDSA P-256 signature over
 * the canonical receipt, which every endorser verifies against the registered device key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandRoundTripIT {
    private static final String DEVICE = "cmd-dev-1";
    private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);

    @TempDir
    static Path dataDir;

    private BiotdmNetwork net;
    private BiotdmClient admin;
    private BiotdmClient gateway;
    private BiotdmClient operator;
    private BiotdmClient auditor;
    private DeviceKey deviceKey;

    @BeforeAll
    void start_network_with_an_active_device_and_a_grant() throws Exception {
        // Blocks wait 200 ms for more transactions, so two transactions submitted together share a block.
        net = BiotdmNetwork.start(dataDir, Duration.ofMillis(200));
        admin = net.admin(0);
        gateway = net.gateway(0);
        operator = net.client(0, net.issue(0, "operator1", "operator"));
        auditor = net.client(1, net.issue(1, "auditor1", "auditor"));
        deviceKey = DeviceKey.generate(net.org(0), DEVICE);
        admin.submit("devices", "RegisterDevice", Requests.registerWithKey(DEVICE, "line-1", deviceKey));
        admin.submit("devices", "ActivateDevice", Requests.device(DEVICE));
        admin.submit(
                "grants",
                "GrantDeviceAccess",
                Requests.grant("g-op1", operator, DEVICE, List.of("reboot", "set-interval"), now() + 60 * MINUTE));
    }

    @AfterAll
    void stop_network() {
        net.close();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private JsonObject issue(String commandId, long expiresAt) throws Exception {
        BiotdmClient.Committed issued = operator.submit(
                "commands",
                "IssueCommand",
                Requests.issueCommand(commandId, DEVICE, "reboot", "{\"delaySeconds\":5}", expiresAt));
        // The next step is endorsed by other organisations' peers, which commit the block on their own schedule.
        net.awaitOnEveryPeer(issued.txId());
        return issued.record();
    }

    @Test
    void issue_deliver_and_signed_completion_round_trip() throws Exception {
        JsonObject issued = issue("c-1", now() + 10 * MINUTE);
        JsonObject delivered = gateway.submit("commands", "MarkCommandDelivered", Requests.command("c-1"))
                .record();
        CommandReceipt receipt = CommandReceipt.of(issued, "SUCCEEDED", Digests.sha256Hex("rebooted in 4.2 s"));
        String signature = deviceKey.sign(receipt);
        BiotdmClient.Committed completed =
                gateway.submit("commands", "CompleteCommand", Requests.completeCommand(receipt, signature));

        assertThat(issued.get("status").getAsString()).isEqualTo("ISSUED");
        assertThat(issued.get("grantId").getAsString()).isEqualTo("g-op1");
        assertThat(issued.get("ownerMsp").getAsString()).isEqualTo(ORG1);
        assertThat(issued.get("issuedBy").getAsString()).isEqualTo(operator.fabricId());
        assertThat(delivered.get("status").getAsString()).isEqualTo("DELIVERED");
        assertThat(delivered.get("updatedBy").getAsString()).isEqualTo(gateway.fabricId());
        JsonObject command = completed.record();
        assertThat(command.get("status").getAsString()).isEqualTo("SUCCEEDED");
        assertThat(command.get("resultSha256").getAsString()).isEqualTo(receipt.resultSha256());
        assertThat(command.get("receiptSignature").getAsString()).isEqualTo(signature);
        assertThat(command.get("completedAt").getAsLong()).isPositive();
        net.awaitOnEveryPeer(completed.txId());
        assertThat(auditor.evaluateObject("commands", "GetCommand", "c-1")).isEqualTo(command);
    }

    @Test
    void second_completion_fails_with_command_already_completed() throws Exception {
        JsonObject issued = issue("c-2", now() + 10 * MINUTE);
        CommandReceipt receipt = CommandReceipt.of(issued, "FAILED", Digests.sha256Hex("sensor bus error"));
        String signature = deviceKey.sign(receipt);
        JsonObject completed = gateway.submit(
                        "commands", "CompleteCommand", Requests.completeCommand(receipt, signature))
                .record();

        assertEndorsementFails(
                () -> gateway.submit("commands", "CompleteCommand", Requests.completeCommand(receipt, signature)),
                "COMMAND_ALREADY_COMPLETED");
        assertEndorsementFails(
                () -> gateway.submit("commands", "MarkCommandDelivered", Requests.command("c-2")),
                "COMMAND_ALREADY_COMPLETED");
        assertThat(gateway.evaluateObject("commands", "GetCommand", "c-2")).isEqualTo(completed);
    }

    @Test
    void bad_receipt_signatures_fail_with_receipt_signature_invalid() throws Exception {
        JsonObject issued = issue("c-3", now() + 10 * MINUTE);
        CommandReceipt succeeded = CommandReceipt.of(issued, "SUCCEEDED", Digests.sha256Hex("ok"));
        CommandReceipt failed = CommandReceipt.of(issued, "FAILED", Digests.sha256Hex("ok"));
        DeviceKey otherKey = DeviceKey.generate(net.org(0), "not-the-device");

        assertEndorsementFails(
                () -> gateway.submit(
                        "commands", "CompleteCommand", Requests.completeCommand(succeeded, otherKey.sign(succeeded))),
                "RECEIPT_SIGNATURE_INVALID");
        assertEndorsementFails(
                () -> gateway.submit(
                        "commands", "CompleteCommand", Requests.completeCommand(failed, deviceKey.sign(succeeded))),
                "RECEIPT_SIGNATURE_INVALID");
        assertThat(gateway.evaluateObject("commands", "GetCommand", "c-3")
                        .get("status")
                        .getAsString())
                .isEqualTo("ISSUED");
    }

    @Test
    void raw_r_s_signature_of_a_constrained_device_is_accepted() throws Exception {
        JsonObject issued = issue("c-4", now() + 10 * MINUTE);
        CommandReceipt receipt = CommandReceipt.of(issued, "REJECTED", Digests.sha256Hex("busy"));

        JsonObject command = gateway.submit(
                        "commands", "CompleteCommand", Requests.completeCommand(receipt, deviceKey.signRaw(receipt)))
                .record();

        assertThat(command.get("status").getAsString()).isEqualTo("REJECTED");
    }

    @Test
    void expired_command_can_be_neither_delivered_nor_completed() throws Exception {
        long expiresAt = now() + 1500;
        JsonObject issued = issue("c-5", expiresAt);
        while (now() <= expiresAt + 100) {
            // The chaincode's "now" is the proposal's timestamp, which the client takes from this clock.
            Thread.sleep(100);
        }
        CommandReceipt receipt = CommandReceipt.of(issued, "SUCCEEDED", Digests.sha256Hex("late"));

        assertEndorsementFails(
                () -> gateway.submit("commands", "MarkCommandDelivered", Requests.command("c-5")), "COMMAND_EXPIRED");
        assertEndorsementFails(
                () -> gateway.submit(
                        "commands", "CompleteCommand", Requests.completeCommand(receipt, deviceKey.sign(receipt))),
                "COMMAND_EXPIRED");
    }

    @Test
    void same_command_id_twice_in_one_block_commits_once_and_invalidates_the_other() throws Exception {
        long expiresAt = now() + 10 * MINUTE;
        Transaction first = operator.proposal(
                        "commands", "IssueCommand", Requests.issueCommand("c-6", DEVICE, "reboot", "{}", expiresAt))
                .build()
                .endorse();
        Transaction second = operator.proposal(
                        "commands",
                        "IssueCommand",
                        Requests.issueCommand("c-6", DEVICE, "set-interval", "{\"seconds\":60}", expiresAt))
                .build()
                .endorse();

        SubmittedTransaction firstSubmitted = first.submitAsync();
        SubmittedTransaction secondSubmitted = second.submitAsync();
        Status firstStatus = firstSubmitted.getStatus();
        Status secondStatus = secondSubmitted.getStatus();

        assertThat(secondStatus.getBlockNumber()).isEqualTo(firstStatus.getBlockNumber());
        assertThat(firstStatus.getCode()).isEqualTo(TxValidationCode.VALID);
        assertThat(secondStatus.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(gateway.evaluateObject("commands", "GetCommand", "c-6")
                        .get("commandType")
                        .getAsString())
                .isEqualTo("reboot");
        assertEndorsementFails(() -> issue("c-6", expiresAt), "COMMAND_EXISTS");
    }

    @Nested
    class Access {
        @Test
        void operator_without_a_grant_fails_with_grant_required() {
            BiotdmClient stranger = net.client(0, net.issue(0, "operator2", "operator"));

            assertEndorsementFails(
                    () -> stranger.submit(
                            "commands",
                            "IssueCommand",
                            Requests.issueCommand("c-7", DEVICE, "reboot", "{}", now() + MINUTE)),
                    "GRANT_REQUIRED");
        }

        @Test
        void command_type_outside_the_grant_fails_with_grant_required() {
            assertEndorsementFails(
                    () -> operator.submit(
                            "commands",
                            "IssueCommand",
                            Requests.issueCommand("c-8", DEVICE, "factory-reset", "{}", now() + MINUTE)),
                    "GRANT_REQUIRED");
        }

        @Test
        void auditor_reads_but_cannot_issue() {
            assertEndorsementFails(
                    () -> auditor.submit(
                            "commands",
                            "IssueCommand",
                            Requests.issueCommand("c-9", DEVICE, "reboot", "{}", now() + MINUTE)),
                    "ACCESS_DENIED");
        }

        @Test
        void another_orgs_gateway_cannot_record_delivery() throws Exception {
            issue("c-10", now() + 10 * MINUTE);

            assertEndorsementFails(
                    () -> net.gateway(1).submit("commands", "MarkCommandDelivered", Requests.command("c-10")),
                    "ACCESS_DENIED");
        }
    }
}
