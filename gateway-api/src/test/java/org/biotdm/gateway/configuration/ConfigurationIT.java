package org.biotdm.gateway.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.biotdm.gateway.command.CommandFixture;
import org.biotdm.gateway.command.CommandState;
import org.biotdm.gateway.command.CommandsClient;
import org.biotdm.gateway.command.DeviceCommand;
import org.biotdm.gateway.command.IssueCommandRequest;
import org.biotdm.gateway.command.ReceiptRequest;
import org.biotdm.gateway.device.DeviceAdminClient;
import org.biotdm.gateway.device.DeviceStatusRequest;
import org.biotdm.gateway.group.CreateGroupRequest;
import org.biotdm.gateway.group.GroupClient;
import org.biotdm.gateway.group.GroupMemberRequest;
import org.biotdm.gateway.group.GroupPolicyBody;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.protocol.json.CanonicalJson;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Configuration end to end on the dev network: an Org1 admin sets a device's desired configuration, the device receives
 * it as a {@code configuration} command over mutual TLS, applies it and reports with a receipt signed by its own key;
 * the ledger and the database then hold the reported hash and the drift is gone. Every refusal changes nothing. A
 * group's configuration reaches each member the same way, member by member.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationIT implements TestPropertyProvider {
    private final CommandFixture fixture = new CommandFixture();

    @Inject
    ApplicationContext context;

    @Inject
    ConfigurationClient configurations;

    @Inject
    CommandsClient commands;

    @Inject
    ConfigurationLedger ledger;

    @Inject
    JsonMapper json;

    @Inject
    GroupClient groups;

    @Inject
    DeviceAdminClient devices;

    private TestUsers.Session admin;
    private TestUsers.Session otherAdmin;

    @Override
    public Map<String, String> getProperties() {
        return CommandFixture.properties("configuration");
    }

    @BeforeAll
    void people() {
        fixture.start(context);
        admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        otherAdmin = TestUsers.create(context, 1, ApiRole.ADMIN);
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private SetConfigurationRequest request(String document, Long baseVersion) throws IOException {
        return new SetConfigurationRequest(json.readValue(document, JsonNode.class), baseVersion);
    }

    private DeviceCommand delivered(DeviceCredentials device, String commandId) {
        return fixture.device(device).poll(0L).join().commands().stream()
                .filter(c -> c.commandId().equals(commandId))
                .findFirst()
                .orElseThrow();
    }

    private ReceiptRequest signed(
            DeviceCredentials signer,
            DeviceCredentials device,
            DeviceCommand command,
            ReceiptStatus status,
            String result)
            throws IOException {
        CommandReceipt receipt = new CommandReceipt(
                command.commandId(),
                device.deviceId(),
                command.commandType(),
                command.parametersSha256(),
                status,
                CanonicalJson.sha256Hex(result));
        ReceiptRequest body = CommandFixture.receipt(signer, receipt);
        return new ReceiptRequest(body.status(), null, json.readValue(result, JsonNode.class), body.signature());
    }

    private static String error(ThrowingCallable call) {
        return ApiError.of(call).statusAndCode();
    }

    @Test
    void desired_set_applied_and_reported_with_a_signed_receipt_clears_the_drift() throws Exception {
        DeviceCredentials device = fixture.activeDevice("cfg");
        String document = "{\"sampling\":{\"intervalMs\":5000,\"sensors\":[\"temperature\",\"humidity\"]}}";

        DesiredConfigurationResponse desired =
                configurations.setDesired(admin.caller(), device.deviceId(), request(document, 0L));

        assertThat(desired.version()).isEqualTo(1);
        assertThat(desired.sha256()).isEqualTo(CanonicalJson.sha256Hex(document));
        assertThat(desired.transactionId()).isNotBlank();
        assertThat(configurations.state(admin.caller(), device.deviceId()).drift())
                .isTrue();
        assertThat(configurations.drifting(admin.caller(), null, 200).devices())
                .extracting(ConfigurationResponse::deviceId)
                .contains(device.deviceId());

        DeviceCommand command = delivered(device, desired.commandId());
        assertThat(command.commandType()).isEqualTo("configuration");
        assertThat(command.parametersSha256()).isEqualTo(desired.sha256());
        assertThat(json.writeValueAsString(command.parameters())).isEqualTo(document);
        fixture.device(device)
                .receipt(command.commandId(), signed(device, device, command, ReceiptStatus.SUCCEEDED, document));

        ConfigurationResponse state = configurations.state(admin.caller(), device.deviceId());
        assertThat(state.reportedVersion()).isEqualTo(1);
        assertThat(state.reportedSha256()).isEqualTo(desired.sha256());
        assertThat(state.reportedTransactionId()).isNotBlank();
        assertThat(state.lastReportStatus()).isEqualTo("SUCCEEDED");
        assertThat(state.drift()).isFalse();
        assertThat(ledger.get(device.deviceId()).orElseThrow().reported().sha256())
                .isEqualTo(desired.sha256());
        assertThat(configurations.drifting(admin.caller(), null, 200).devices())
                .extracting(ConfigurationResponse::deviceId)
                .doesNotContain(device.deviceId());
        assertThat(commands.get(admin.caller(), command.commandId()).state()).isEqualTo(CommandState.SUCCEEDED);
    }

    @Test
    void a_device_refusal_is_recorded_with_its_code_and_the_drift_stays() throws Exception {
        DeviceCredentials device = fixture.activeDevice("cfg-refused");
        DesiredConfigurationResponse desired =
                configurations.setDesired(admin.caller(), device.deviceId(), request("{\"intervalMs\":-1}", null));
        DeviceCommand command = delivered(device, desired.commandId());

        fixture.device(device)
                .receipt(
                        command.commandId(),
                        signed(
                                device,
                                device,
                                command,
                                ReceiptStatus.FAILED,
                                "{\"code\":\"CONFIGURATION_INVALID\",\"message\":\"intervalMs must be positive\"}"));

        ConfigurationResponse state = configurations.state(admin.caller(), device.deviceId());
        assertThat(state.lastReportStatus()).isEqualTo("FAILED");
        assertThat(state.lastReportCode()).isEqualTo("CONFIGURATION_INVALID");
        assertThat(state.reportedVersion()).isNull();
        assertThat(state.drift()).isTrue();
        assertThat(ledger.get(device.deviceId()).orElseThrow().lastReport().code())
                .isEqualTo("CONFIGURATION_INVALID");
    }

    @Test
    void refuses_oversize_not_json_not_an_object_another_organisation_and_a_stale_version() throws Exception {
        DeviceCredentials device = fixture.activeDevice("cfg-refusals");
        String id = device.deviceId();
        String oversize = "{\"blob\":\"" + "x".repeat(ConfigurationService.MAX_DOCUMENT_BYTES) + "\"}";
        Route route = Route.of(ConfigurationClient.class, "setDesired");

        assertThat(error(() -> configurations.setDesired(admin.caller(), id, request(oversize, null))))
                .isEqualTo("413 CONFIGURATION_TOO_LARGE");
        assertThat(ApiError.from(fixture.raw(route, Map.of("deviceId", id), admin, "{\"configuration\":{"))
                        .status())
                .isEqualTo(400);
        assertThat(error(() -> configurations.setDesired(admin.caller(), id, request("[1,2]", null))))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error(() -> configurations.setDesired(otherAdmin.caller(), id, request("{\"a\":1}", null))))
                .isEqualTo("403 DEVICE_ACCESS_DENIED");
        assertThat(error(() -> configurations.desired(admin.caller(), id))).isEqualTo("404 CONFIGURATION_NOT_FOUND");

        configurations.setDesired(admin.caller(), id, request("{\"a\":1}", 0L));

        assertThat(error(() -> configurations.setDesired(admin.caller(), id, request("{\"a\":2}", 0L))))
                .isEqualTo("409 CONFIGURATION_VERSION_STALE");
        assertThat(configurations.desired(admin.caller(), id).version()).isEqualTo(1);
    }

    @Test
    void refuses_forged_and_mismatched_reports_and_operators_issuing_the_reserved_type() throws Exception {
        DeviceCredentials device = fixture.activeDevice("cfg-forged");
        DeviceCredentials stranger = CommandFixture.PKI.issue("cfg-stranger-" + System.nanoTime());
        String document = "{\"intervalMs\":2000}";
        DesiredConfigurationResponse desired =
                configurations.setDesired(admin.caller(), device.deviceId(), request(document, null));
        DeviceCommand command = delivered(device, desired.commandId());
        ReceiptRequest forged = signed(stranger, device, command, ReceiptStatus.SUCCEEDED, document);
        ReceiptRequest honest = signed(device, device, command, ReceiptStatus.SUCCEEDED, document);
        ReceiptRequest mismatched = new ReceiptRequest(
                honest.status(), null, json.readValue("{\"intervalMs\":9999}", JsonNode.class), honest.signature());

        assertThat(error(() -> fixture.device(device).receipt(command.commandId(), forged)))
                .isEqualTo("400 RECEIPT_SIGNATURE_INVALID");
        assertThat(error(() -> fixture.device(device).receipt(command.commandId(), mismatched)))
                .isEqualTo("400 RECEIPT_SIGNATURE_INVALID");
        assertThat(configurations.state(admin.caller(), device.deviceId()).lastReportStatus())
                .isNull();

        TestUsers.Session operator = fixture.grantedOperator(device, List.of("configuration"));
        IssueCommandRequest reserved = new IssueCommandRequest(
                "cfg-op-" + System.nanoTime(),
                device.deviceId(),
                "configuration",
                json.readValue(document, JsonNode.class),
                600L,
                null);
        assertThat(error(() -> commands.issue(operator.caller(), reserved))).isEqualTo("400 COMMAND_TYPE_RESERVED");
    }

    private String group(String prefix, DeviceCredentials... members) {
        String groupId = prefix + "-" + System.nanoTime();
        groups.create(
                admin.caller(),
                new CreateGroupRequest(groupId, null, new GroupPolicyBody(List.of("reboot"), null, null, false)));
        for (DeviceCredentials member : members) {
            groups.addMember(admin.caller(), groupId, new GroupMemberRequest(member.deviceId()));
        }
        return groupId;
    }

    @Test
    void a_group_configuration_reaches_every_member_which_reports_it_and_no_one_else() throws Exception {
        DeviceCredentials first = fixture.activeDevice("cfg-grp-a");
        DeviceCredentials second = fixture.activeDevice("cfg-grp-b");
        DeviceCredentials outsider = fixture.activeDevice("cfg-grp-out");
        String groupId = group("cfg-grp", first, second);
        String document = "{\"reportEveryS\":30}";

        GroupConfigurationResponse set = configurations.setGroupDesired(
                admin.caller(), groupId, new SetGroupConfigurationRequest(json.readValue(document, JsonNode.class)));

        assertThat(set.set()).isEqualTo(2);
        assertThat(set.sha256()).isEqualTo(CanonicalJson.sha256Hex(document));
        assertThat(set.members())
                .extracting(MemberConfigurationResult::deviceId)
                .containsExactlyInAnyOrder(first.deviceId(), second.deviceId());
        assertThat(configurations.groupState(admin.caller(), groupId).drifting())
                .isEqualTo(2);
        for (MemberConfigurationResult member : set.members()) {
            DeviceCredentials device = member.deviceId().equals(first.deviceId()) ? first : second;
            DeviceCommand command = delivered(device, member.desired().commandId());
            assertThat(command.parametersSha256()).isEqualTo(set.sha256());
            fixture.device(device)
                    .receipt(command.commandId(), signed(device, device, command, ReceiptStatus.SUCCEEDED, document));
        }

        GroupConfigurationState state = configurations.groupState(admin.caller(), groupId);
        assertThat(state.drifting()).isZero();
        assertThat(state.members()).extracting(m -> m.state().reportedSha256()).containsOnly(set.sha256());
        assertThat(error(() -> configurations.state(admin.caller(), outsider.deviceId())))
                .isEqualTo("404 CONFIGURATION_NOT_FOUND");
        assertThat(error(() -> configurations.groupState(otherAdmin.caller(), groupId)))
                .isEqualTo("403 ACCESS_DENIED");
    }

    @Test
    void a_refused_member_keeps_its_code_the_others_go_on_and_an_empty_group_sets_none() throws Exception {
        DeviceCredentials active = fixture.activeDevice("cfg-grp-ok");
        DeviceCredentials suspended = fixture.activeDevice("cfg-grp-susp");
        String groupId = group("cfg-grp-mixed", active, suspended);
        devices.suspend(admin.caller(), suspended.deviceId(), new DeviceStatusRequest("maintenance"));
        SetGroupConfigurationRequest request =
                new SetGroupConfigurationRequest(json.readValue("{\"led\":\"off\"}", JsonNode.class));

        GroupConfigurationResponse set = configurations.setGroupDesired(admin.caller(), groupId, request);

        assertThat(set.set()).isEqualTo(1);
        assertThat(set.refused()).isEqualTo(1);
        assertThat(set.members())
                .filteredOn(m -> m.deviceId().equals(suspended.deviceId()))
                .extracting(MemberConfigurationResult::code)
                .containsExactly("DEVICE_NOT_ACTIVE");
        assertThat(configurations.desired(admin.caller(), active.deviceId()).sha256())
                .isEqualTo(set.sha256());
        assertThat(error(() -> configurations.setGroupDesired(otherAdmin.caller(), groupId, request)))
                .isEqualTo("403 ACCESS_DENIED");

        String empty = group("cfg-grp-empty");
        assertThat(configurations
                        .setGroupDesired(admin.caller(), empty, request)
                        .members())
                .isEmpty();
        assertThat(configurations.groupState(admin.caller(), empty).members()).isEmpty();
        assertThat(error(() -> configurations.groupState(admin.caller(), "cfg-grp-none-" + System.nanoTime())))
                .isEqualTo("404 GROUP_NOT_FOUND");
    }
}
