package org.biotdm.device.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.JdkDeviceTransport;
import org.biotdm.device.sdk.RetryPolicy;
import org.biotdm.gateway.automation.AutomationIdentity;
import org.biotdm.gateway.automation.RuleActionBody;
import org.biotdm.gateway.automation.RuleClient;
import org.biotdm.gateway.automation.RuleConditionBody;
import org.biotdm.gateway.automation.RuleFirings;
import org.biotdm.gateway.automation.RuleRequest;
import org.biotdm.gateway.command.CommandLedger;
import org.biotdm.gateway.command.CommandRecord;
import org.biotdm.gateway.command.CommandState;
import org.biotdm.gateway.command.LedgerCommand;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.grant.GrantClient;
import org.biotdm.gateway.grant.GrantRequest;
import org.biotdm.gateway.group.CreateGroupRequest;
import org.biotdm.gateway.group.GroupClient;
import org.biotdm.gateway.group.GroupMemberRequest;
import org.biotdm.gateway.group.GroupPolicyBody;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.biotdm.protocol.telemetry.Reading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Automation rules end to end on the real chaincode: an Org1 admin puts an SDK device in a group and registers a rule
 * "when occupancy of the group reaches 1, switch the light on"; the device replays the UCI occupancy room
 * ({@code datatraining.txt}); the gateway's evaluator fires the rule, the device receives the command by long-poll and
 * completes it with a signed receipt, and the ledger's command record names the rule and the triggering readings.
 * Then the refusals: a disabled rule, a command type the rule does not cover, another organisation's admin changing
 * the group policy, and a policy change without the co-endorsement the group's key-level policy requires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutomationIT {
    private static final Path ROOM = Path.of("..", "..", "shared", "data", "uci_occupancy", "datatraining.txt");
    private static final String TOKEN_PREFIX = "claim-token-0123456789-";
    private static final String LIGHT_ON = "{\"on\":true}";

    private final DevnetAdmin ledgerAdmin = DevnetAdmin.connect(0);
    private EmbeddedServer gateway;
    private DeviceTransportFactory devicePort;
    private TestUsers.Session admin;
    private TestUsers.Session otherAdmin;
    private String deviceId;
    private String groupId;
    private String ruleId;

    private Path devices;

    @BeforeAll
    void startGatewayWithGroupAndRule() throws Exception {
        Path dataDir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "automation-");
        devices = Files.createDirectories(dataDir.resolve("devices"));
        Map<String, Object> properties = new HashMap<>(TestDevnet.ledgerProperties(0));
        properties.putAll(TestMariaDb.datasourceProperties("automation"));
        properties.put("biotdm.data-dir", dataDir.toString());
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("micronaut.server.port", "-1");
        properties.put("biotdm.ingress.port", "0");
        gateway = io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, properties);
        int port = gateway.getApplicationContext()
                .getBean(DeviceIngressServer.class)
                .port();
        List<X509Certificate> trust = DeviceTls.certificates(
                Files.readString(dataDir.resolve("ingress").resolve("server-cert.pem"), StandardCharsets.US_ASCII));
        devicePort = JdkDeviceTransport.factory(URI.create("https://localhost:" + port), trust, null);
        admin = TestUsers.create(gateway.getApplicationContext(), 0, ApiRole.ADMIN);
        otherAdmin = TestUsers.create(gateway.getApplicationContext(), 1, ApiRole.ADMIN);
        String suffix = Long.toString(System.nanoTime(), 36);
        deviceId = "uci-room-" + suffix;
        groupId = "hall-" + suffix;
        ruleId = "occupied-" + suffix;
        ledgerAdmin.registerWithClaimToken(deviceId, TOKEN_PREFIX + deviceId, Map.of());
        DeviceClient.provision(state(), TOKEN_PREFIX + deviceId, devicePort, RetryPolicy.defaults())
                .get();
        client(GroupClient.class)
                .create(admin.caller(), new CreateGroupRequest(groupId, "the UCI room", policy(false)));
        client(GroupClient.class).addMember(admin.caller(), groupId, new GroupMemberRequest(deviceId));
        client(RuleClient.class).register(admin.caller(), rule());
    }

    @AfterAll
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        ledgerAdmin.close();
    }

    private <T> T client(Class<T> type) {
        return gateway.getApplicationContext().getBean(type);
    }

    private DeviceState state() throws java.io.IOException {
        return DeviceState.open(devices.resolve(deviceId), deviceId);
    }

    private static GroupPolicyBody policy(boolean coEndorse) {
        return new GroupPolicyBody(List.of("light", "reboot"), "stable", null, coEndorse);
    }

    private RuleRequest rule() {
        return new RuleRequest(
                ruleId,
                "occupied room: light on",
                new RuleConditionBody("metric", "occupancy", ">=", "1", null, null, null, groupId),
                new RuleActionBody(
                        "light",
                        JsonNode.createObjectNode(Map.of("on", JsonNode.createBooleanNode(true))),
                        null,
                        groupId),
                3600L,
                null);
    }

    @Test
    void an_occupied_room_makes_the_rule_light_it_and_the_ledger_names_the_rule_and_readings() throws Exception {
        try (DeviceClient device = DeviceClient.builder(state(), devicePort).build()) {
            awaitRuleHeld();
            List<Reading> rows = occupancyRows(20);
            assertThat(rows).as("the room is occupied in the replayed rows").anyMatch(r -> r.valueText()
                    .equals("1"));
            device.send(rows).get();

            DeviceCommand command = awaitCommand(device);
            assertThat(command.commandType()).isEqualTo("light");
            assertThat(command.parameters()).isEqualTo(LIGHT_ON);
            device.completeCommand(command, ReceiptStatus.SUCCEEDED, "on".getBytes(StandardCharsets.UTF_8))
                    .get();

            LedgerCommand onLedger =
                    client(CommandLedger.class).get(command.commandId()).orElseThrow();
            assertThat(onLedger.status()).isEqualTo(CommandState.SUCCEEDED);
            assertThat(onLedger.grantId()).isNull();
            assertThat(onLedger.rule().ruleId()).isEqualTo(ruleId);
            assertThat(onLedger.rule().windowId()).startsWith("Org1MSP-");
            assertThat(onLedger.rule().readingIds()).isNotEmpty().allMatch(id -> id.matches("[0-9]+\\.[0-9]+"));
            List<RuleFirings.Firing> firings = client(RuleClient.class).firings(admin.caller());
            assertThat(firings).anySatisfy(f -> assertThat(f.commandId() + " " + f.ruleId() + " " + f.deviceId())
                    .isEqualTo(command.commandId() + " " + ruleId + " " + deviceId));
        }
    }

    @Test
    void a_disabled_rule_and_an_uncovered_command_type_are_refused_by_the_chaincode() throws Exception {
        LedgerCommand.RuleTrigger trigger = new LedgerCommand.RuleTrigger(ruleId, null, List.of("1.0"));
        assertThat(ledgerCode(() -> issueByRule("reboot", trigger))).isEqualTo(ErrorCode.RULE_NOT_COVERING);

        client(RuleClient.class).disable(admin.caller(), ruleId);
        try {
            assertThat(ledgerCode(() -> issueByRule("light", trigger))).isEqualTo(ErrorCode.RULE_DISABLED);
        } finally {
            client(RuleClient.class).enable(admin.caller(), ruleId);
        }
    }

    @Test
    void another_organisations_admin_cannot_change_the_group_policy_or_the_rule() throws Exception {
        assertThat(ApiError.of(() -> client(GroupClient.class).setPolicy(otherAdmin.caller(), groupId, policy(false)))
                        .statusAndCode())
                .isEqualTo("403 ACCESS_DENIED");
        assertThat(ApiError.of(() -> client(RuleClient.class).disable(otherAdmin.caller(), ruleId))
                        .statusAndCode())
                .isEqualTo("403 ACCESS_DENIED");
        var identity = client(UserLedgerIdentities.class).identityOf(otherAdmin.user());
        assertThat(ledgerCode(() -> client(LedgerClient.class)
                        .submit(identity, "groups", "SetGroupPolicy", "group:" + groupId, policyArgs(), Map.of())))
                .isEqualTo(ErrorCode.ACCESS_DENIED);
    }

    @Test
    void a_policy_change_without_the_grant_holders_co_endorsement_is_invalidated() throws Exception {
        String coGroup = groupId + "-co";
        GroupClient groups = client(GroupClient.class);
        groups.create(admin.caller(), new CreateGroupRequest(coGroup, null, policy(false)));
        client(GrantClient.class)
                .grant(
                        admin.caller(),
                        new GrantRequest(
                                null,
                                null,
                                "Org2MSP",
                                null,
                                coGroup,
                                List.of("light"),
                                System.currentTimeMillis() + 3_600_000L));
        var changed = groups.setPolicy(admin.caller(), coGroup, policy(true));
        assertThat(changed.group().endorsingMsps()).containsExactly("Org1MSP", "Org2MSP");

        var identity = client(UserLedgerIdentities.class).identityOf(admin.user());
        String argument = policyArgs().replace(groupId, coGroup);
        LedgerException missing = catchLedger(() -> client(LedgerClient.class)
                .submitEndorsedBy(
                        identity, "groups", "SetGroupPolicy", "group:" + coGroup, argument, List.of("Org3MSP")));
        assertThat(missing.code()).isEqualTo(ErrorCode.LEDGER_TRANSACTION_INVALID);
        assertThat(missing.getMessage()).contains("ENDORSEMENT_POLICY_FAILURE");

        assertThat(groups.setPolicy(admin.caller(), coGroup, policy(true)).transactionId())
                .isNotBlank();
    }

    private String policyArgs() {
        return "{\"groupId\":\"" + groupId + "\",\"policy\":{\"commandTypes\":[\"light\"],\"coEndorseGrantees\":true}}";
    }

    private void issueByRule(String commandType, LedgerCommand.RuleTrigger trigger) throws LedgerException {
        long now = System.currentTimeMillis();
        String commandId = "auto-it-" + System.nanoTime();
        CommandRecord row = CommandRecord.issuing(
                commandId,
                deviceId,
                "Org1MSP",
                commandType,
                LIGHT_ON,
                "0".repeat(64),
                0,
                "automation",
                "automation",
                now,
                now + 600_000,
                ruleId);
        client(CommandLedger.class).issueByRule(client(AutomationIdentity.class).get(), row, trigger);
    }

    private interface LedgerCall {
        void run() throws Exception;
    }

    private static LedgerException catchLedger(LedgerCall call) {
        try {
            call.run();
        } catch (LedgerException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a LedgerException", e);
        }
        throw new AssertionError("the ledger accepted what it should refuse");
    }

    private static ErrorCode ledgerCode(LedgerCall call) {
        return catchLedger(call).code();
    }

    /** Waits until the evaluator holds the rule and the group directory the membership. */
    private void awaitRuleHeld() throws InterruptedException {
        var book = client(org.biotdm.gateway.automation.RuleBook.class);
        var groups = client(org.biotdm.gateway.group.GroupDirectory.class);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (book.rules().stream().noneMatch(r -> r.rule().ruleId().equals(ruleId))
                || !groups.isMember(groupId, "Org1MSP", deviceId)) {
            assertThat(System.nanoTime() - until)
                    .as("rule and group reached the gateway")
                    .isNegative();
            Thread.sleep(100);
        }
    }

    private static DeviceCommand awaitCommand(DeviceClient device) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() - until < 0) {
            List<DeviceCommand> delivered =
                    device.pollCommands(Duration.ofSeconds(20)).get();
            if (!delivered.isEmpty()) {
                return delivered.get(0);
            }
        }
        throw new AssertionError("no command reached the device");
    }

    /** The first rows of the room's file as occupancy readings, now; the file starts with the room occupied. */
    private static List<Reading> occupancyRows(int rows) throws java.io.IOException {
        List<String> lines = Files.readAllLines(ROOM);
        List<Reading> readings = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (String line : lines.subList(1, rows + 1)) {
            String[] fields = line.split(",");
            readings.add(Reading.number("occupancy", fields[fields.length - 1].trim(), null, now));
        }
        return readings;
    }
}
