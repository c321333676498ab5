package org.biotdm.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.testing.TestUsers;
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

    private Map<String, Object> issue(String id, String type, String parameters, String expiry) throws Exception {
        HttpResponse<String> response =
                fixture.api("POST", "/api/v1/commands", operator, issueBody(id, device, type, parameters, expiry));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return CommandFixture.json(response.body());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> poll(DeviceCredentials target, int wait) throws Exception {
        HttpResponse<String> response = fixture.device(target, "GET", "/device/v1/commands?wait=" + wait, null)
                .join();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(CommandFixture.json(response.body())).as(response.body()).containsKey("commands");
        return (List<Map<String, Object>>) CommandFixture.json(response.body()).get("commands");
    }

    private static Map<String, Object> find(List<Map<String, Object>> commands, String id) {
        return commands.stream()
                .filter(c -> id.equals(c.get("commandId")))
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> receipt(String id, String body) {
        return fixture.device(device, "POST", "/device/v1/commands/" + id + "/receipt", body)
                .join();
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

    @Test
    void issued_delivered_and_completed_with_a_device_signed_receipt() throws Exception {
        String id = newId("c-round");
        Map<String, Object> issued = issue(id, "set-interval", "{\"seconds\": 30.0}", "\"expiresIn\":600");
        String parametersSha256 = CanonicalJson.sha256Hex("{\"seconds\":30}");
        assertThat(issued)
                .containsEntry("state", "ISSUED")
                .containsEntry("parametersSha256", parametersSha256)
                .containsKeys("grantId", "issueTransactionId");

        Map<String, Object> delivered = find(poll(device, 0), id);
        assertThat(delivered)
                .containsEntry("commandType", "set-interval")
                .containsEntry("parametersSha256", parametersSha256)
                .containsEntry("parameters", Map.of("seconds", 30))
                .containsEntry("deliveryCount", 1);
        assertThat(ledger.get(id))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CommandState.DELIVERED));

        CommandReceipt signed = receiptFor(id, "set-interval", parametersSha256, CommandState.SUCCEEDED);
        HttpResponse<String> accepted = receipt(id, CommandFixture.receiptBody(device, signed));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(CommandFixture.json(accepted.body())).containsEntry("state", "SUCCEEDED");
        LedgerCommand onChain = ledger.get(id).orElseThrow();
        assertThat(onChain.status()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(onChain.resultSha256()).isEqualTo(signed.resultSha256());
        assertThat(onChain.receiptSignature()).isNotBlank();
        HttpResponse<String> status = fixture.api("GET", "/api/v1/commands/" + id, operator, null);
        assertThat(CommandFixture.json(status.body()))
                .containsEntry("state", "SUCCEEDED")
                .containsKeys("completeTransactionId", "deliveryTransactionId", "completedAt");
        assertThat(find(poll(device, 0), id))
                .as("a completed command is not delivered again")
                .isNull();
    }

    @Test
    void replayed_receipt_is_refused_by_the_gateway_and_by_the_chaincode() throws Exception {
        String id = newId("c-replay");
        Map<String, Object> issued = issue(id, "reboot", "{}", "\"expiresIn\":600");
        String parametersSha256 = (String) issued.get("parametersSha256");
        assertThat(find(poll(device, 0), id)).isNotNull();
        CommandReceipt signed = receiptFor(id, "reboot", parametersSha256, CommandState.SUCCEEDED);
        String body = CommandFixture.receiptBody(device, signed);
        assertThat(receipt(id, body).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = receipt(id, body);

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(CommandFixture.json(replay.body())).containsEntry("code", "COMMAND_ALREADY_COMPLETED");
        String signature = (String) CommandFixture.json(body).get("signature");
        assertThatThrownBy(() -> ledger.complete(id, CommandState.SUCCEEDED, signed.resultSha256(), signature))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.COMMAND_ALREADY_COMPLETED));
    }

    @Test
    void forged_receipt_signature_is_refused_by_the_gateway_and_by_the_chaincode() throws Exception {
        String id = newId("c-forged");
        Map<String, Object> issued = issue(id, "reboot", "{\"delay\":5}", "\"expiresIn\":600");
        String parametersSha256 = (String) issued.get("parametersSha256");
        assertThat(find(poll(device, 0), id)).isNotNull();
        CommandReceipt signed = receiptFor(id, "reboot", parametersSha256, CommandState.SUCCEEDED);
        DeviceCredentials impostor = CommandFixture.PKI.issue(device.deviceId());
        String forged = CommandFixture.receiptBody(impostor, signed);

        HttpResponse<String> refused = receipt(id, forged);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(CommandFixture.json(refused.body())).containsEntry("code", "RECEIPT_SIGNATURE_INVALID");
        String forgedSignature = (String) CommandFixture.json(forged).get("signature");
        assertThatThrownBy(() -> ledger.complete(id, CommandState.SUCCEEDED, signed.resultSha256(), forgedSignature))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.RECEIPT_SIGNATURE_INVALID));
        assertThat(ledger.get(id))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CommandState.DELIVERED));
        assertThat(find(poll(device, 0), id))
                .as("redelivered until a receipt is accepted")
                .containsEntry("deliveryCount", 2);

        HttpResponse<String> genuine = receipt(id, CommandFixture.receiptBody(device, signed));
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
    }

    @Test
    void expired_command_is_never_delivered_and_refused_by_the_gateway_and_by_the_chaincode() throws Exception {
        String id = newId("c-expired");
        Map<String, Object> issued = issue(id, "reboot", "{}", "\"expiresIn\":1");
        long expiresAt = ((Number) issued.get("expiresAt")).longValue();
        while (System.currentTimeMillis() <= expiresAt + 200) {
            Thread.sleep(50);
        }

        assertThat(find(poll(device, 0), id)).isNull();
        assertThatThrownBy(() -> ledger.markDelivered(id))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMAND_EXPIRED));
        CommandReceipt signed =
                receiptFor(id, "reboot", (String) issued.get("parametersSha256"), CommandState.SUCCEEDED);
        String body = CommandFixture.receiptBody(device, signed);
        HttpResponse<String> refused = receipt(id, body);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(CommandFixture.json(refused.body())).containsEntry("code", "COMMAND_EXPIRED");
        String signature = (String) CommandFixture.json(body).get("signature");
        assertThatThrownBy(() -> ledger.complete(id, CommandState.SUCCEEDED, signed.resultSha256(), signature))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMAND_EXPIRED));
        sweep.sweep(System.currentTimeMillis());
        HttpResponse<String> status = fixture.api("GET", "/api/v1/commands/" + id, operator, null);
        assertThat(CommandFixture.json(status.body())).containsEntry("state", "EXPIRED");
    }

    @Nested
    class Issuing {
        @Test
        void identical_retry_returns_the_existing_command_and_other_content_is_a_conflict() throws Exception {
            String id = newId("c-retry");
            String body = issueBody(id, device, "reboot", "{\"mode\":\"soft\"}", "\"expiresIn\":900");
            HttpResponse<String> first = fixture.api("POST", "/api/v1/commands", operator, body);
            HttpResponse<String> retry = fixture.api("POST", "/api/v1/commands", operator, body);
            HttpResponse<String> other = fixture.api(
                    "POST",
                    "/api/v1/commands",
                    operator,
                    issueBody(id, device, "reboot", "{\"mode\":\"hard\"}", "\"expiresIn\":900"));

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            assertThat(CommandFixture.json(retry.body()).get("issueTransactionId"))
                    .isEqualTo(CommandFixture.json(first.body()).get("issueTransactionId"));
            assertThat(other.statusCode()).isEqualTo(409);
            assertThat(CommandFixture.json(other.body())).containsEntry("code", "COMMAND_EXISTS");
        }

        @Test
        void a_command_type_no_grant_covers_is_refused_by_the_chaincode_and_leaves_nothing() throws Exception {
            String id = newId("c-nogrant");
            HttpResponse<String> refused = fixture.api(
                    "POST",
                    "/api/v1/commands",
                    operator,
                    issueBody(id, device, "factory-reset", "{}", "\"expiresIn\":60"));

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(CommandFixture.json(refused.body())).containsEntry("code", "GRANT_REQUIRED");
            assertThat(fixture.api("GET", "/api/v1/commands/" + id, operator, null)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(ledger.get(id)).isEmpty();
        }

        @Test
        void a_command_left_issuing_without_a_ledger_record_is_removed_once_expired() throws Exception {
            String id = newId("c-stale");
            long now = System.currentTimeMillis();
            org.biotdm.gateway.users.ApiUser person = operator.user();
            assertThat(repository.insertIssuing(new CommandRecord(
                            id,
                            device.deviceId(),
                            "Org1MSP",
                            "reboot",
                            "{}",
                            CanonicalJson.sha256Hex("{}"),
                            CanonicalJson.sha256Hex(id),
                            CommandState.ISSUING,
                            person.userId(),
                            person.username(),
                            person.fabricId(),
                            null,
                            now - 2000,
                            null,
                            now - 1000,
                            null,
                            null,
                            null,
                            0,
                            null,
                            null,
                            null,
                            null,
                            null)))
                    .isTrue();

            sweep.sweep(now);

            assertThat(repository.find(id)).isEmpty();
        }

        @Test
        void bad_input_is_refused_with_a_stable_code() throws Exception {
            for (String body : List.of(
                    issueBody("bad id!", device, "reboot", "{}", "\"expiresIn\":60"),
                    issueBody(newId("c-bad"), device, "reboot", "[1]", "\"expiresIn\":60"),
                    issueBody(newId("c-bad"), device, "reboot", "{}", "\"expiresIn\":86401"),
                    issueBody(newId("c-bad"), device, "reboot", "{}", "\"expiresIn\":60,\"expiresAt\":1"))) {
                HttpResponse<String> response = fixture.api("POST", "/api/v1/commands", operator, body);
                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(CommandFixture.json(response.body())).containsEntry("code", "INVALID_ARGUMENT");
            }
            HttpResponse<String> unknown = fixture.api(
                    "POST",
                    "/api/v1/commands",
                    operator,
                    issueBody(newId("c-bad"), device, "reboot", "{}", "\"expiresIn\":60,\"priority\":1"));
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).doesNotContain("Exception");
        }
    }

    @Nested
    class Listing {
        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> commands(HttpResponse<String> response) throws Exception {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return (List<Map<String, Object>>)
                    CommandFixture.json(response.body()).get("commands");
        }

        @Test
        void pages_newest_first_and_filters_by_device_and_state() throws Exception {
            String older = newId("c-list");
            issue(older, "reboot", "{}", "\"expiresIn\":600");
            String newer = newId("c-list");
            issue(newer, "reboot", "{}", "\"expiresIn\":600");
            String path = "/api/v1/commands?deviceId=" + device.deviceId() + "&state=ISSUED&limit=1";

            HttpResponse<String> first = fixture.api("GET", path, operator, null);
            String cursor = (String) CommandFixture.json(first.body()).get("nextCursor");
            HttpResponse<String> second = fixture.api("GET", path + "&cursor=" + cursor, operator, null);

            assertThat(commands(first)).singleElement().satisfies(c -> assertThat(c.get("commandId"))
                    .isEqualTo(newer));
            assertThat(commands(second)).singleElement().satisfies(c -> assertThat(c.get("commandId"))
                    .isEqualTo(older));
            assertThat(commands(fixture.api("GET", "/api/v1/commands?state=SUCCEEDED", operator, null)))
                    .allSatisfy(c -> assertThat(c.get("state")).isEqualTo("SUCCEEDED"));
        }

        @Test
        void shows_only_commands_of_devices_the_person_may_see() throws Exception {
            String id = newId("c-seen");
            issue(id, "reboot", "{}", "\"expiresIn\":600");
            TestUsers.Session stranger = TestUsers.create(context, 0, org.biotdm.gateway.users.ApiRole.OPERATOR);
            TestUsers.Session auditor = TestUsers.create(context, 0, org.biotdm.gateway.users.ApiRole.AUDITOR);
            TestUsers.Session foreignAdmin = TestUsers.create(context, 1, org.biotdm.gateway.users.ApiRole.ADMIN);

            assertThat(commands(fixture.api("GET", "/api/v1/commands?limit=200", stranger, null)))
                    .isEmpty();
            assertThat(commands(fixture.api("GET", "/api/v1/commands?limit=200", foreignAdmin, null)))
                    .noneMatch(c -> device.deviceId().equals(c.get("deviceId")));
            assertThat(commands(fixture.api("GET", "/api/v1/commands?limit=200", auditor, null)))
                    .anyMatch(c -> id.equals(c.get("commandId")));
            HttpResponse<String> byDevice =
                    fixture.api("GET", "/api/v1/commands?deviceId=" + device.deviceId(), stranger, null);
            assertThat(byDevice.statusCode()).isEqualTo(403);
            assertThat(fixture.api("GET", "/api/v1/commands/" + id, foreignAdmin, null)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(fixture.api(
                                    "POST",
                                    "/api/v1/commands",
                                    auditor,
                                    issueBody(newId("c-aud"), device, "reboot", "{}", "\"expiresIn\":60"))
                            .statusCode())
                    .isEqualTo(403);
        }

        @Test
        void refuses_bad_filters_with_a_stable_code() throws Exception {
            for (String query :
                    List.of("state=ISSUING", "state=x%27%20OR%201%3D1", "limit=1000", "limit=0", "cursor=%21%21")) {
                HttpResponse<String> response = fixture.api("GET", "/api/v1/commands?" + query, operator, null);
                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(CommandFixture.json(response.body())).containsEntry("code", "INVALID_ARGUMENT");
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
            CompletableFuture<HttpResponse<String>> waiting =
                    fixture.device(quiet, "GET", "/device/v1/commands?wait=60", null);
            CommandFixture.await(() -> waiters.waitingCount() > before);
            assertThat(waiting).isNotDone();

            String id = newId("c-wake");
            HttpResponse<String> issued = fixture.api(
                    "POST", "/api/v1/commands", operator, issueBody(id, quiet, "reboot", "{}", "\"expiresIn\":600"));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);

            HttpResponse<String> answer = waiting.join();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(CommandFixture.json(answer.body()).get("commands"))
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .singleElement()
                    .satisfies(c -> assertThat(((Map<?, ?>) c).get("commandId")).isEqualTo(id));
        }

        @Test
        void returns_empty_when_the_wait_runs_out() throws Exception {
            DeviceCredentials idle = fixture.activeDevice("cmd-idle");

            assertThat(poll(idle, 1)).isEmpty();
        }

        @Test
        void refuses_a_wait_beyond_the_limit() throws Exception {
            HttpResponse<String> response = fixture.device(device, "GET", "/device/v1/commands?wait=61", null)
                    .join();

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(CommandFixture.json(response.body())).containsEntry("code", "INVALID_ARGUMENT");
        }
    }
}
