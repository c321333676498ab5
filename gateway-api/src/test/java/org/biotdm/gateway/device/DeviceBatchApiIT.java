package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.biotdm.gateway.device.RegisterDevicesResponse.Outcome;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/devices:batch} over HTTP on the dev network, as Org1's and Org2's admins created through the
 * production user path: every per-item refusal (a repeated ID, another organisation's device, this organisation's
 * device under another claim token, a malformed field) answered with its code while the good items commit, nothing
 * written for a refused item, an empty batch or one over the size limit refused whole, and a batch whose answer was
 * lost sent again safely.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceBatchApiIT implements TestPropertyProvider {
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    private final DevicesApiFixture fixture = new DevicesApiFixture();

    @Inject
    ApplicationContext context;

    @Inject
    DeviceBatchClient batches;

    @Inject
    DeviceLedger ledger;

    private TestUsers.Session admin;
    private TestUsers.Session otherAdmin;

    @Override
    public Map<String, String> getProperties() {
        return DevicesApiFixture.properties("device_batch_api");
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

    private static RegisterDevicesRequest.Item item(String deviceId, String mspId, String hash) {
        return new RegisterDevicesRequest.Item(
                deviceId, "mica2dot", mspId + "/mica2dot", "1.0.0", "intel-lab", Map.of("x_m", "21.5"), hash);
    }

    /** A well-formed item of Org1 with one field replaced. */
    private static RegisterDevicesRequest.Item withField(String deviceId, String field, String value) {
        RegisterDevicesRequest.Item base = item(deviceId, "Org1MSP", HASH_A);
        return new RegisterDevicesRequest.Item(
                deviceId,
                "deviceType".equals(field) ? value : base.deviceType(),
                "model".equals(field) ? value : base.model(),
                "firmwareVersion".equals(field) ? value : base.firmwareVersion(),
                "group".equals(field) ? value : base.group(),
                base.metadata(),
                base.claimTokenSha256());
    }

    private RegisterDevicesResponse send(TestUsers.Session person, RegisterDevicesRequest.Item... items) {
        return batches.registerBatch(person.caller(), new RegisterDevicesRequest(List.of(items)));
    }

    @Test
    void each_bad_item_is_refused_with_its_code_and_nothing_written_for_it_while_the_good_ones_commit()
            throws Exception {
        String prefix = "batch-mixed-" + System.nanoTime();
        LedgerDevice others = send(otherAdmin, item(prefix + "-org2", "Org2MSP", HASH_B))
                .items()
                .get(0)
                .device();
        LedgerDevice mine = send(admin, item(prefix + "-mine", "Org1MSP", HASH_B))
                .items()
                .get(0)
                .device();

        RegisterDevicesResponse answer = send(
                admin,
                item(prefix + "-a", "Org1MSP", HASH_A),
                item(prefix + "-a", "Org1MSP", HASH_A),
                item(prefix + "-org2", "Org1MSP", HASH_A),
                item(prefix + "-mine", "Org1MSP", HASH_A),
                item(prefix + "-b", "Org1MSP", HASH_A));

        assertThat(answer.items())
                .extracting(RegisterDevicesResponse.Item::outcome, RegisterDevicesResponse.Item::code)
                .containsExactly(
                        tuple(Outcome.REGISTERED, null),
                        tuple(Outcome.REFUSED, "INVALID_ARGUMENT"),
                        tuple(Outcome.REFUSED, "DEVICE_EXISTS"),
                        tuple(Outcome.REFUSED, "DEVICE_EXISTS"),
                        tuple(Outcome.REGISTERED, null));
        assertThat(answer.items().get(1).message()).contains("appears in an earlier item of the batch");
        assertThat(List.of(answer.registered(), answer.existing(), answer.refused()))
                .containsExactly(2, 0, 3);
        assertThat(ledger.getDevices(List.of(prefix + "-org2", prefix + "-mine")))
                .as("the refused items wrote nothing")
                .containsExactly(others, mine);
        assertThat(ledger.getDevices(List.of(prefix + "-a", prefix + "-b")))
                .allSatisfy(device -> assertThat(device.claimTokenSha256()).isEqualTo(HASH_A))
                .allSatisfy(device -> assertThat(device.ownerMsp()).isEqualTo("Org1MSP"))
                .allSatisfy(device -> assertThat(device.status()).isEqualTo(DeviceStatus.PROVISIONED));
    }

    @Test
    void a_batch_over_the_size_limit_or_empty_is_refused_whole_and_writes_nothing() throws Exception {
        String prefix = "batch-whole-" + System.nanoTime();
        List<Map<String, Object>> tooMany = IntStream.rangeClosed(0, DeviceLedger.MAX_BATCH)
                .mapToObj(i -> json(prefix + "-" + i, HASH_A))
                .toList();

        ApiError over = raw(Map.of("devices", tooMany));
        ApiError empty = raw(Map.of("devices", List.of()));

        assertThat(List.of(over, empty))
                .allSatisfy(error -> assertThat(error.statusAndCode()).isEqualTo("400 INVALID_ARGUMENT"));
        assertThat(over.fields()).singleElement().asString().endsWith("devices");
        assertThat(ledger.getDevices(List.of(prefix + "-0", prefix + "-" + DeviceLedger.MAX_BATCH)))
                .isEmpty();
    }

    @Test
    void each_malformed_field_refuses_its_item_alone_while_the_well_formed_items_commit() throws Exception {
        String prefix = "batch-fields-" + System.nanoTime();
        RegisterDevicesRequest.Item good = item(prefix + "-ok", "Org1MSP", HASH_A);
        Map<String, RegisterDevicesRequest.Item> malformed = new LinkedHashMap<>();
        malformed.put("deviceId", item("-" + prefix, "Org1MSP", HASH_A));
        malformed.put("deviceType", withField(prefix + "-type", "deviceType", " "));
        malformed.put("model", withField(prefix + "-model", "model", ""));
        malformed.put("firmwareVersion", withField(prefix + "-fw", "firmwareVersion", null));
        malformed.put("group", withField(prefix + "-group", "group", "intel lab"));
        malformed.put("claimTokenSha256", item(prefix + "-hash", "Org1MSP", "not-a-sha-256"));
        List<RegisterDevicesRequest.Item> sent = new ArrayList<>(malformed.values());
        sent.add(2, good);

        RegisterDevicesResponse answer = batches.registerBatch(admin.caller(), new RegisterDevicesRequest(sent));

        assertThat(answer.items())
                .extracting(RegisterDevicesResponse.Item::index)
                .containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(answer.items().get(2).outcome()).isEqualTo(Outcome.REGISTERED);
        List<RegisterDevicesResponse.Item> refused = new ArrayList<>(answer.items());
        refused.remove(2);
        assertThat(refused)
                .extracting(RegisterDevicesResponse.Item::outcome, RegisterDevicesResponse.Item::code)
                .containsOnly(tuple(Outcome.REFUSED, "INVALID_ARGUMENT"));
        assertThat(refused)
                .extracting(item -> item.message().substring(0, item.message().indexOf(':')))
                .as("each refusal names the malformed field")
                .containsExactlyElementsOf(malformed.keySet());
        assertThat(List.of(answer.registered(), answer.refused())).containsExactly(1, 6);
        assertThat(ledger.getDevices(sent.subList(1, sent.size()).stream()
                        .map(RegisterDevicesRequest.Item::deviceId)
                        .toList()))
                .as("only the well-formed item was written (the malformed ID cannot even be looked up)")
                .extracting(LedgerDevice::deviceId)
                .containsExactly(prefix + "-ok");
    }

    @Test
    void a_batch_of_malformed_items_only_answers_per_item_and_sends_no_transaction() {
        String prefix = "batch-none-" + System.nanoTime();

        RegisterDevicesResponse answer = send(admin, item(prefix + "-hash", "Org1MSP", "A".repeat(64)));

        assertThat(answer.items())
                .extracting(RegisterDevicesResponse.Item::outcome, RegisterDevicesResponse.Item::code)
                .containsExactly(tuple(Outcome.REFUSED, "INVALID_ARGUMENT"));
        assertThat(answer.transactionId()).isNull();
        assertThat(answer.refused()).isEqualTo(1);
    }

    @Test
    void a_batch_whose_answer_was_lost_is_sent_again_safely() throws Exception {
        String prefix = "batch-again-" + System.nanoTime();
        RegisterDevicesRequest.Item[] first = {
            item(prefix + "-1", "Org1MSP", HASH_A), item(prefix + "-2", "Org1MSP", HASH_B)
        };
        RegisterDevicesResponse lost = send(admin, first);
        List<LedgerDevice> written = ledger.getDevices(List.of(prefix + "-1", prefix + "-2"));

        RegisterDevicesResponse again = send(admin, first[0], first[1], item(prefix + "-3", "Org1MSP", HASH_A));

        assertThat(lost.registered()).isEqualTo(2);
        assertThat(again.items())
                .extracting(RegisterDevicesResponse.Item::outcome)
                .containsExactly(Outcome.EXISTS, Outcome.EXISTS, Outcome.REGISTERED);
        assertThat(again.items().subList(0, 2))
                .extracting(RegisterDevicesResponse.Item::device)
                .as("the existing records, untouched")
                .containsExactlyElementsOf(written);
        assertThat(ledger.getDevices(List.of(prefix + "-1", prefix + "-2"))).isEqualTo(written);
    }

    private static Map<String, Object> json(String deviceId, String hash) {
        return Map.of(
                "deviceId", deviceId,
                "deviceType", "mica2dot",
                "model", "Org1MSP/mica2dot",
                "firmwareVersion", "1.0.0",
                "group", "intel-lab",
                "claimTokenSha256", hash);
    }

    private ApiError raw(Map<String, Object> body) throws Exception {
        String text = ObjectMapper.getDefault().writeValueAsString(body);
        return ApiError.from(fixture.raw(Route.of(DeviceBatchClient.class, "registerBatch"), Map.of(), admin, text));
    }
}
