package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
 * device under another claim token) answered with its code while the good items commit, nothing written for a refused
 * item, a batch over the size limit or with a malformed item refused whole, and a batch whose answer was lost sent
 * again safely.
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
    void a_batch_over_the_size_limit_or_with_a_malformed_item_is_refused_whole_and_writes_nothing() throws Exception {
        String prefix = "batch-whole-" + System.nanoTime();
        List<Map<String, Object>> tooMany = IntStream.rangeClosed(0, DeviceLedger.MAX_BATCH)
                .mapToObj(i -> json(prefix + "-" + i, HASH_A))
                .toList();
        List<Map<String, Object>> malformed = new ArrayList<>(List.of(json(prefix + "-ok", HASH_A)));
        malformed.add(json(prefix + "-bad-hash", "not-a-sha-256"));

        ApiError over = raw(Map.of("devices", tooMany));
        ApiError badItem = raw(Map.of("devices", malformed));
        ApiError empty = raw(Map.of("devices", List.of()));

        assertThat(List.of(over, badItem, empty))
                .allSatisfy(error -> assertThat(error.statusAndCode()).isEqualTo("400 INVALID_ARGUMENT"));
        assertThat(over.fields()).singleElement().asString().endsWith("devices");
        assertThat(badItem.fields())
                .singleElement()
                .asString()
                .contains("claimTokenSha256")
                .endsWith("[1]");
        assertThat(ledger.getDevices(List.of(prefix + "-0", prefix + "-" + DeviceLedger.MAX_BATCH, prefix + "-ok")))
                .isEmpty();
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
