package org.biotdm.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.protocol.json.CanonicalJson;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Commands end to end on the dev network: an Org1 operator (created through the production user path, with their own
 * Fabric identity) granted on a device issues a command over the API, the device fetches it over mutual TLS by long
 * poll, and completes it with a receipt signed by its own P-256 key; the chaincode records each step.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandRoundTripIT implements TestPropertyProvider {
    private final CommandFixture fixture = new CommandFixture();

    @Inject
    ApplicationContext context;

    @Inject
    CommandLedger ledger;

    @Inject
    CommandWaiters waiters;

    @Inject
    CommandExpirySweep sweep;

    @Inject
    CommandRepository repository;

    @Inject
    CommandsClient commands;

    @Inject
    JsonMapper json;

    private DeviceCredentials device;
    private TestUsers.Session operator;

    @Override
    public Map<String, String> getProperties() {
        return CommandFixture.properties("commands");
    }

    @BeforeAll
    void device_and_granted_operator() throws Exception {
        fixture.start(context);
        device = fixture.activeDevice("cmd");
        operator = fixture.grantedOperator(device, List.of("reboot", "set-interval"));
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private static String newId(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private static String issueBody(
            String id, DeviceCredentials target, String type, String parameters, String expiry) {
        return "{\"commandId\":\"" + id + "\",\"deviceId\":\"" + target.deviceId() + "\",\"commandType\":\"" + type
                + "\",\"parameters\":" + parameters + "," + expiry + "}";
    }

    private IssueCommandRequest request(
            String id, DeviceCredentials target, String type, String parameters, long expiresIn) throws IOException {
        return new IssueCommandRequest(
                id, target.deviceId(), type, json.readValue(parameters, JsonNode.class), expiresIn, null);
    }

    private HttpResponse<CommandResponse> issue(IssueCommandRequest request) {
        return commands.issue(operator.caller(), request);
    }

    private CommandResponse issue(String id, String type, String parameters, long expiresIn) throws IOException {
        HttpResponse<CommandResponse> response = issue(request(id, device, type, parameters, expiresIn));
        assertThat(response.code()).isEqualTo(201);
        return response.body();
    }

    private java.net.http.HttpResponse<String> rawIssue(String body) throws Exception {
        return fixture.raw(Route.of(CommandsClient.class, "issue"), Map.of(), operator, body);
    }

    private List<DeviceCommand> poll(DeviceCredentials target, long wait) {
        return fixture.device(target).poll(wait).join().commands();
    }

    private static DeviceCommand find(List<DeviceCommand> commands, String id) {
        return commands.stream()
                .filter(c -> id.equals(c.commandId()))
                .findFirst()
                .orElse(null);
    }

    private ReceiptResponse receipt(String id, ReceiptRequest body) {
        return fixture.device(device).receipt(id, body);
    }

    private CommandReceipt receiptFor(String id, String type, String parametersSha256, CommandState status) {
        return new CommandReceipt(
                id,
                device.deviceId(),
                type,
                parametersSha256,
                ReceiptStatus.valueOf(status.name()),
                CanonicalJson.sha256Hex("{\"ok\":true}"));
    }

    private static String error(ThrowingCallable call) {
        ApiError error = ApiError.of(call);
        return error.status() + " " + error.code();
    }

    @Test
    void issued_delivered_and_completed_with_a_device_signed_receipt() throws Exception {
        String id = newId("c-round");
        CommandResponse issued = issue(id, "set-interval", "{\"seconds\": 30.0}", 600);
        String parametersSha256 = CanonicalJson.sha256Hex("{\"seconds\":30}");
        assertThat(issued.state()).isEqualTo(CommandState.ISSUED);
        assertThat(issued.parametersSha256()).isEqualTo(parametersSha256);
        assertThat(issued.grantId()).isNotBlank();
        assertThat(issued.issueTransactionId()).isNotBlank();

        DeviceCommand delivered = find(poll(device, 0), id);
        assertThat(delivered.commandType()).isEqualTo("set-interval");
        assertThat(delivered.parametersSha256()).isEqualTo(parametersSha256);
        assertThat(json.writeValueAsString(delivered.parameters())).isEqualTo("{\"seconds\":30}");
        assertThat(delivered.deliveryCount()).isEqualTo(1);
        assertThat(ledger.get(id))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CommandState.DELIVERED));

        CommandReceipt signed = receiptFor(id, "set-interval", parametersSha256, CommandState.SUCCEEDED);
        ReceiptResponse accepted = receipt(id, CommandFixture.receipt(device, signed));

        assertThat(accepted.state()).isEqualTo(CommandState.SUCCEEDED);
        LedgerCommand onChain = ledger.get(id).orElseThrow();
        assertThat(onChain.status()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(onChain.resultSha256()).isEqualTo(signed.resultSha256());
        assertThat(onChain.receiptSignature()).isNotBlank();
        CommandResponse status = commands.get(operator.caller(), id);
        assertThat(status.state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(status.completeTransactionId()).isNotBlank();
        assertThat(status.deliveryTransactionId()).isNotBlank();
        assertThat(status.completedAt()).isNotNull();
        assertThat(status.receiptSignature())
                .as("people see the signature the ledger checked")
                .isEqualTo(onChain.receiptSignature());
        assertThat(find(poll(device, 0), id))
                .as("a completed command is not delivered again")
                .isNull();
    }

    @Test
    void replayed_receipt_is_refused_by_the_gateway_and_by_the_chaincode() throws Exception {
        String id = newId("c-replay");
        CommandResponse issued = issue(id, "reboot", "{}", 600);
        assertThat(find(poll(device, 0), id)).isNotNull();
        CommandReceipt signed = receiptFor(id, "reboot", issued.parametersSha256(), CommandState.SUCCEEDED);
        ReceiptRequest body = CommandFixture.receipt(device, signed);
        assertThat(receipt(id, body).state()).isEqualTo(CommandState.SUCCEEDED);

        assertThat(error(() -> receipt(id, body))).isEqualTo("409 COMMAND_ALREADY_COMPLETED");
        assertThatThrownBy(() -> ledger.complete(id, CommandState.SUCCEEDED, signed.resultSha256(), body.signature()))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.COMMAND_ALREADY_COMPLETED));
    }

    @Test
    void forged_receipt_signature_is_refused_by_the_gateway_and_by_the_chaincode() throws Exception {
        String id = newId("c-forged");
        CommandResponse issued = issue(id, "reboot", "{\"delay\":5}", 600);
        assertThat(find(poll(device, 0), id)).isNotNull();
        CommandReceipt signed = receiptFor(id, "reboot", issued.parametersSha256(), CommandState.SUCCEEDED);
        DeviceCredentials impostor = CommandFixture.PKI.issue(device.deviceId());
        ReceiptRequest forged = CommandFixture.receipt(impostor, signed);

        assertThat(error(() -> receipt(id, forged))).isEqualTo("400 RECEIPT_SIGNATURE_INVALID");
        assertThatThrownBy(() -> ledger.complete(id, CommandState.SUCCEEDED, signed.resultSha256(), forged.signature()))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.RECEIPT_SIGNATURE_INVALID));
        assertThat(ledger.get(id))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CommandState.DELIVERED));
        assertThat(find(poll(device, 0), id).deliveryCount())
                .as("redelivered until a receipt is accepted")
                .isEqualTo(2);

        ReceiptResponse genuine = receipt(id, CommandFixture.receipt(device, signed));
        assertThat(genuine.state()).isEqualTo(CommandState.SUCCEEDED);
    }

    @Test
    void expired_command_is_never_delivered_and_refused_by_the_gateway_and_by_the_chaincode() throws Exception {
        String id = newId("c-expired");
        CommandResponse issued = issue(id, "reboot", "{}", 1);
        while (System.currentTimeMillis() <= issued.expiresAt() + 200) {
            Thread.sleep(50);
        }

        assertThat(find(poll(device, 0), id)).isNull();
        assertThatThrownBy(() -> ledger.markDelivered(id))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMAND_EXPIRED));
        CommandReceipt signed = receiptFor(id, "reboot", issued.parametersSha256(), CommandState.SUCCEEDED);
        ReceiptRequest body = CommandFixture.receipt(device, signed);
        assertThat(error(() -> receipt(id, body))).isEqualTo("403 COMMAND_EXPIRED");
        assertThatThrownBy(() -> ledger.complete(id, CommandState.SUCCEEDED, signed.resultSha256(), body.signature()))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMAND_EXPIRED));
        sweep.sweep(System.currentTimeMillis());
        assertThat(commands.get(operator.caller(), id).state()).isEqualTo(CommandState.EXPIRED);
    }

    @Nested
    class Issuing {
        @Test
        void identical_retry_returns_the_existing_command_and_other_content_is_a_conflict() throws Exception {
            String id = newId("c-retry");
            IssueCommandRequest request = request(id, device, "reboot", "{\"mode\":\"soft\"}", 900);
            HttpResponse<CommandResponse> first = issue(request);
            HttpResponse<CommandResponse> retry = issue(request);

            assertThat(first.code()).isEqualTo(201);
            assertThat(retry.code()).isEqualTo(200);
            assertThat(retry.body().issueTransactionId())
                    .isNotBlank()
                    .isEqualTo(first.body().issueTransactionId());
            assertThat(error(() -> issue(request(id, device, "reboot", "{\"mode\":\"hard\"}", 900))))
                    .isEqualTo("409 COMMAND_EXISTS");
        }

        @Test
        void a_command_type_no_grant_covers_is_refused_by_the_chaincode_and_leaves_nothing() throws Exception {
            String id = newId("c-nogrant");
            IssueCommandRequest request = request(id, device, "factory-reset", "{}", 60);

            assertThat(error(() -> issue(request))).isEqualTo("403 GRANT_REQUIRED");
            assertThat(error(() -> commands.get(operator.caller(), id))).startsWith("404 ");
            assertThat(ledger.get(id)).isEmpty();
        }

        @Test
        void a_command_left_issuing_without_a_ledger_record_is_removed_once_expired() throws Exception {
            String id = newId("c-stale");
            long now = System.currentTimeMillis();
            org.biotdm.gateway.users.ApiUser person = operator.user();
            assertThat(repository.insertIssuing(CommandRecord.issuing(
                            id,
                            device.deviceId(),
                            "Org1MSP",
                            "reboot",
                            "{}",
                            CanonicalJson.sha256Hex(id),
                            person.userId(),
                            person.username(),
                            person.fabricId(),
                            now - 2000,
                            now - 1000,
                            null)))
                    .isTrue();

            sweep.sweep(now);

            assertThat(repository.find(id)).isEmpty();
        }

        @Test
        void bad_input_is_refused_with_a_stable_code() throws Exception {
            // Raw on purpose: the typed client refuses a bad ID before sending and cannot send an unknown field.
            for (String body : List.of(
                    issueBody("bad id!", device, "reboot", "{}", "\"expiresIn\":60"),
                    issueBody(newId("c-bad"), device, "reboot", "[1]", "\"expiresIn\":60"),
                    issueBody(newId("c-bad"), device, "reboot", "{}", "\"expiresIn\":86401"),
                    issueBody(newId("c-bad"), device, "reboot", "{}", "\"expiresIn\":60,\"expiresAt\":1"))) {
                java.net.http.HttpResponse<String> response = rawIssue(body);
                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(CommandFixture.json(response.body())).containsEntry("code", "INVALID_ARGUMENT");
            }
            java.net.http.HttpResponse<String> unknown =
                    rawIssue(issueBody(newId("c-bad"), device, "reboot", "{}", "\"expiresIn\":60,\"priority\":1"));
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).doesNotContain("Exception");
        }
    }

    @Nested
    class Listing {
        @Test
        void pages_newest_first_and_filters_by_device_and_state() throws Exception {
            String older = newId("c-list");
            issue(older, "reboot", "{}", 600);
            String newer = newId("c-list");
            issue(newer, "reboot", "{}", 600);

            CommandPage first = commands.list(operator.caller(), device.deviceId(), "ISSUED", null, 1);
            CommandPage second = commands.list(operator.caller(), device.deviceId(), "ISSUED", first.nextCursor(), 1);

            assertThat(first.commands()).singleElement().satisfies(c -> assertThat(c.commandId())
                    .isEqualTo(newer));
            assertThat(second.commands()).singleElement().satisfies(c -> assertThat(c.commandId())
                    .isEqualTo(older));
            assertThat(commands.list(operator.caller(), null, "SUCCEEDED", null, null)
                            .commands())
                    .allSatisfy(c -> assertThat(c.state()).isEqualTo(CommandState.SUCCEEDED));
        }

        @Test
        void shows_only_commands_of_devices_the_person_may_see() throws Exception {
            String id = newId("c-seen");
            issue(id, "reboot", "{}", 600);
            TestUsers.Session stranger = TestUsers.create(context, 0, ApiRole.OPERATOR);
            TestUsers.Session auditor = TestUsers.create(context, 0, ApiRole.AUDITOR);
            TestUsers.Session foreignAdmin = TestUsers.create(context, 1, ApiRole.ADMIN);

            assertThat(commands.list(stranger.caller(), null, null, null, 200).commands())
                    .isEmpty();
            assertThat(commands.list(foreignAdmin.caller(), null, null, null, 200)
                            .commands())
                    .noneMatch(c -> device.deviceId().equals(c.deviceId()));
            assertThat(commands.list(auditor.caller(), null, null, null, 200).commands())
                    .anyMatch(c -> id.equals(c.commandId()));
            assertThat(error(() -> commands.list(stranger.caller(), device.deviceId(), null, null, null)))
                    .startsWith("403 ");
            assertThat(error(() -> commands.get(foreignAdmin.caller(), id))).startsWith("403 ");
            IssueCommandRequest request = request(newId("c-aud"), device, "reboot", "{}", 60);
            assertThat(error(() -> commands.issue(auditor.caller(), request))).startsWith("403 ");
        }

        @Test
        void refuses_bad_filters_with_invalid_argument_naming_the_parameter() throws Exception {
            // Raw on purpose: the typed client checks the parameters' constraints before sending.
            Map<Map<String, String>, String> refused = Map.of(
                    Map.of("state", "ISSUING"), "state",
                    Map.of("state", "x' OR 1=1"), "state",
                    Map.of("limit", "1000"), "limit",
                    Map.of("limit", "0"), "limit",
                    Map.of("cursor", "!!"), "cursor");
            for (Map.Entry<Map<String, String>, String> query : refused.entrySet()) {
                java.net.http.HttpResponse<String> response =
                        fixture.raw(Route.of(CommandsClient.class, "list"), query.getKey(), operator, null);
                assertThat(response.statusCode()).as(query.getKey().toString()).isEqualTo(400);
                ApiError error = ApiError.from(response);
                assertThat(error.code()).as(response.body()).isEqualTo("INVALID_ARGUMENT");
                assertThat(error.fields()).as(response.body()).containsExactly(query.getValue());
            }
        }
    }

    @Nested
    class LongPoll {
        @Test
        void returns_at_once_when_a_command_is_issued_while_waiting() throws Exception {
            DeviceCredentials quiet = fixture.activeDevice("cmd-wait");
            fixture.grant(operator.user(), quiet, List.of("reboot"));
            int before = waiters.waitingCount();
            CompletableFuture<DeviceCommands> waiting = fixture.device(quiet).poll(60L);
            CommandFixture.await(() -> waiters.waitingCount() > before);
            assertThat(waiting).isNotDone();

            String id = newId("c-wake");
            assertThat(issue(request(id, quiet, "reboot", "{}", 600)).code()).isEqualTo(201);

            assertThat(waiting.join().commands()).singleElement().satisfies(c -> assertThat(c.commandId())
                    .isEqualTo(id));
        }

        @Test
        void returns_empty_when_the_wait_runs_out() throws Exception {
            DeviceCredentials idle = fixture.activeDevice("cmd-idle");

            assertThat(poll(idle, 1)).isEmpty();
        }

        @Test
        void refuses_a_wait_outside_the_range_naming_the_parameter() {
            for (long wait : new long[] {61, -1}) {
                ApiError error = ApiError.of(() -> poll(device, wait));

                assertThat(error.status()).as("wait=%d", wait).isEqualTo(400);
                assertThat(error.code()).isEqualTo("INVALID_ARGUMENT");
                assertThat(error.fields()).containsExactly("wait");
            }
        }
    }
}
