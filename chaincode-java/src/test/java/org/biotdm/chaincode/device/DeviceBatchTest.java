package org.biotdm.chaincode.device;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

class DeviceBatchTest {
    private static final String OTHER_TOKEN = "another-token-0123456789";

    private Fleet fleet;
    private World world;
    private DeviceContract devices;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        devices = fleet.devices;
    }

    private static String batch(final String field, final String... items) {
        return "{\"" + field + "\":[" + String.join(",", items) + "]}";
    }

    private static String registerBatch(final String... items) {
        return batch("devices", items);
    }

    /** The committed world state as text, and each key's validation parameter. */
    private static Map<String, String> snapshot(final World world) {
        final Map<String, String> out = new TreeMap<>();
        world.stub().committedState().forEach((key, value) -> {
            out.put(key, new String(value, UTF_8));
            final byte[] policy = world.stub().committedValidationParameter(key);
            out.put(key + " policy", policy == null ? null : Arrays.toString(policy));
        });
        return out;
    }

    private String history(final World in, final String deviceId) {
        return in.evaluate(Identity.ORG1_AUDITOR, ctx -> devices.getDeviceHistory(ctx, deviceId))
                .replaceAll("\"txId\":\"tx[0-9]+\"", "\"txId\":\"…\"");
    }

    private String onlyEvent(final String name) {
        assertThat(world.stub().events()).hasSize(1);
        assertThat(world.stub().events().get(0).getEventName()).isEqualTo(name);
        return world.stub().events().get(0).getPayload().toStringUtf8();
    }

    private void assertNothingWrittenFor(final String deviceId) {
        assertThat(world.stub().writes().keySet()).noneMatch(key -> key.contains("\0" + deviceId + "\0"));
        assertThat(world.stub().metadataWrites().keySet()).noneMatch(key -> key.contains("\0" + deviceId + "\0"));
    }

    @Nested
    class RegisterDevices {
        private String register(final String request) {
            return world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevices(ctx, request));
        }

        @Test
        void writes_records_policies_and_history_identical_to_register_device() {
            final List<String> items = List.of(fleet.registerWithKey("d-1"), fleet.registerWithToken("d-2"));
            register(registerBatch(items.toArray(new String[0])));

            final World single = new World();
            items.forEach(item -> single.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, item)));

            assertThat(snapshot(world)).isEqualTo(snapshot(single)).hasSize(2 * 10);
            assertThat(world.keyPolicyOrgs(Keys.of(Keys.DEVICE, "d-2"))).containsExactly("Org1MSP");
            assertThat(history(world, "d-1")).isEqualTo(history(single, "d-1"));
            assertThat(history(world, "d-2")).isEqualTo(history(single, "d-2"));
        }

        @Test
        void answers_each_item_with_its_record_in_request_order() {
            final String result = register(registerBatch(fleet.registerWithToken("d-2"), fleet.registerWithKey("d-1")));

            assertThat(result)
                    .isEqualTo("{\"committed\":2,\"items\":[{\"device\":" + world.state(Keys.of(Keys.DEVICE, "d-2"))
                            + ",\"deviceId\":\"d-2\",\"index\":0},{\"device\":"
                            + world.state(Keys.of(Keys.DEVICE, "d-1")) + ",\"deviceId\":\"d-1\",\"index\":1}],"
                            + "\"refused\":0}");
        }

        @Test
        void emits_one_event_listing_the_registered_devices() {
            fleet.registered("d-1");
            final String txId = world.nextTxId();
            register(registerBatch(fleet.registerWithKey("d-2"), fleet.registerWithKey("d-1")));

            assertThat(onlyEvent("DevicesRegistered"))
                    .isEqualTo("{\"actorId\":\"" + Identity.ORG1_ADMIN.id() + "\",\"actorMsp\":\"Org1MSP\","
                            + "\"deviceIds\":[\"d-2\"],\"timestamp\":" + World.T0 + ",\"txId\":\"" + txId
                            + "\",\"type\":\"DevicesRegistered\"}");
        }

        @Test
        void refuses_an_existing_device_and_registers_the_rest() {
            fleet.registered("d-1");
            final String result = register(registerBatch(fleet.registerWithKey("d-1"), fleet.registerWithKey("d-2")));

            assertThat(result)
                    .contains("{\"code\":\"DEVICE_EXISTS\",\"deviceId\":\"d-1\",\"index\":0,"
                            + "\"message\":\"[DEVICE_EXISTS] Device d-1 already exists\"}")
                    .contains("\"committed\":1")
                    .endsWith("\"refused\":1}");
            assertNothingWrittenFor("d-1");
            assertThat(world.state(Keys.of(Keys.DEVICE, "d-2"))).contains("\"status\":\"PROVISIONED\"");
        }

        @Test
        void refuses_every_later_item_with_an_id_the_batch_already_has() {
            final String result = register(registerBatch(
                    fleet.registerWithKey("d-1"), fleet.registerWithToken("d-1"), fleet.registerWithKey("d-2")));

            assertThat(result)
                    .contains("{\"code\":\"INVALID_ARGUMENT\",\"deviceId\":\"d-1\",\"index\":1,\"message\":"
                            + "\"[INVALID_ARGUMENT] Device d-1 appears in an earlier item of the batch\"}")
                    .contains("\"committed\":2");
            assertThat(world.state(Keys.of(Keys.DEVICE, "d-1"))).doesNotContain("claimTokenSha256");
        }

        @Test
        void refuses_a_malformed_key_and_registers_the_rest() {
            final String malformed = fleet.registerWithKey("d-1").replace("MFkw", "MFkx");
            final String result = register(registerBatch(malformed, fleet.registerWithKey("d-2")));

            assertThat(result)
                    .contains("{\"code\":\"INVALID_ARGUMENT\",\"deviceId\":\"d-1\",\"index\":0,\"message\":"
                            + "\"[INVALID_ARGUMENT] publicKeyPem")
                    .contains("\"committed\":1");
            assertNothingWrittenFor("d-1");
            assertThat(onlyEvent("DevicesRegistered")).contains("\"deviceIds\":[\"d-2\"]");
        }

        @Test
        void refuses_an_item_without_id_by_its_index() {
            final String result =
                    register(registerBatch(fleet.registerWithKey("d-1").replace("\"deviceId\":\"d-1\",", "")));

            assertThat(result)
                    .isEqualTo("{\"committed\":0,\"items\":[{\"code\":\"INVALID_ARGUMENT\",\"index\":0,"
                            + "\"message\":\"[INVALID_ARGUMENT] deviceId is required\"}],\"refused\":1}");
            assertThat(world.stub().writes()).isEmpty();
            assertThat(onlyEvent("DevicesRegistered")).contains("\"deviceIds\":[]");
        }

        @Test
        void refuses_a_batch_over_the_size_limit_as_a_whole() {
            final String[] items = IntStream.rangeClosed(0, DeviceBatch.MAX_ITEMS)
                    .mapToObj(i -> fleet.registerWithToken("d-" + i))
                    .toArray(String[]::new);

            assertFails(world, ErrorCode.INVALID_ARGUMENT, () -> register(registerBatch(items)));
        }

        @Test
        void refuses_an_empty_batch() {
            assertFails(world, ErrorCode.INVALID_ARGUMENT, () -> register(registerBatch()));
        }

        @Test
        void accepts_the_size_limit() {
            final String[] items = IntStream.range(0, DeviceBatch.MAX_ITEMS)
                    .mapToObj(i -> fleet.registerWithToken("d-" + i))
                    .toArray(String[]::new);

            assertThat(register(registerBatch(items))).startsWith("{\"committed\":" + DeviceBatch.MAX_ITEMS + ",");
        }

        @Test
        void refuses_an_operator_for_the_whole_batch() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG1_OPERATOR,
                            ctx -> devices.registerDevices(ctx, registerBatch(fleet.registerWithKey("d-1")))));
        }
    }

    @Nested
    class ClaimDevices {
        private final Map<String, DeviceKeyPair> keys = new HashMap<>();

        @BeforeEach
        void registerZeroTouch() {
            for (final String id : List.of("d-1", "d-2", "d-3")) {
                world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, fleet.registerWithToken(id)));
                keys.put(id, DeviceKeyPair.p256());
            }
            world.advance(1000);
        }

        private String claimOf(final String deviceId) {
            final DeviceKeyPair key = keys.get(deviceId);
            return Args.json(
                    "deviceId", deviceId, "publicKeyPem", key.publicKeyPem(), "certFingerprint", key.fingerprint());
        }

        private Map<String, byte[]> tokens(final String token, final String... deviceIds) {
            return Arrays.stream(deviceIds)
                    .collect(Collectors.toMap(DeviceBatch::claimTokenTransient, id -> token.getBytes(UTF_8)));
        }

        private String claim(final Identity who, final Map<String, byte[]> tokens, final String... deviceIds) {
            final String request =
                    batch("claims", Arrays.stream(deviceIds).map(this::claimOf).toArray(String[]::new));
            return world.submit(who, tokens, ctx -> devices.claimDevices(ctx, request));
        }

        @Test
        void writes_records_and_history_identical_to_claim_device() {
            final World single = new World();
            final DeviceContract contract = new DeviceContract();
            for (final String id : List.of("d-1", "d-2", "d-3")) {
                single.submit(Identity.ORG1_ADMIN, ctx -> contract.registerDevice(ctx, fleet.registerWithToken(id)));
            }
            single.advance(1000);
            for (final String id : List.of("d-1", "d-2")) {
                single.submit(
                        Identity.ORG1_GATEWAY,
                        Fleet.claimToken(Fleet.CLAIM_TOKEN),
                        ctx -> contract.claimDevice(ctx, claimOf(id)));
            }

            claim(Identity.ORG1_GATEWAY, tokens(Fleet.CLAIM_TOKEN, "d-1", "d-2"), "d-1", "d-2");

            assertThat(onlyEvent("DevicesClaimed")).contains("\"deviceIds\":[\"d-1\",\"d-2\"]");
            assertThat(snapshot(world)).isEqualTo(snapshot(single));
            assertThat(history(world, "d-1")).isEqualTo(history(single, "d-1")).contains("\"status\":\"ACTIVE\"");
        }

        @Test
        void refuses_a_wrong_token_and_claims_the_rest() {
            final Map<String, byte[]> tokens = new HashMap<>(tokens(Fleet.CLAIM_TOKEN, "d-1"));
            tokens.putAll(tokens(OTHER_TOKEN, "d-2"));

            final String result = claim(Identity.ORG1_GATEWAY, tokens, "d-1", "d-2");

            assertThat(result)
                    .contains("{\"code\":\"CLAIM_TOKEN_MISMATCH\",\"deviceId\":\"d-2\",\"index\":1,")
                    .contains("\"committed\":1");
            assertNothingWrittenFor("d-2");
            assertThat(world.state(Keys.of(Keys.DEVICE, "d-1"))).contains("\"status\":\"ACTIVE\"");
        }

        @Test
        void refuses_a_spent_token() {
            claim(Identity.ORG1_GATEWAY, tokens(Fleet.CLAIM_TOKEN, "d-1"), "d-1");

            final String result = claim(Identity.ORG1_GATEWAY, tokens(Fleet.CLAIM_TOKEN, "d-1", "d-2"), "d-1", "d-2");

            assertThat(result)
                    .contains("{\"code\":\"CLAIM_TOKEN_SPENT\",\"deviceId\":\"d-1\",\"index\":0,")
                    .contains("\"committed\":1");
            assertNothingWrittenFor("d-1");
        }

        @Test
        void refuses_a_missing_token() {
            final String result = claim(Identity.ORG1_GATEWAY, tokens(Fleet.CLAIM_TOKEN, "d-1"), "d-1", "d-2");

            assertThat(result).contains("{\"code\":\"INVALID_ARGUMENT\",\"deviceId\":\"d-2\",\"index\":1,");
            assertNothingWrittenFor("d-2");
        }

        @Test
        void refuses_a_malformed_key() {
            final String request = batch("claims", claimOf("d-1").replace("MFkw", "MFkx"), claimOf("d-2"));

            final String result = world.submit(
                    Identity.ORG1_GATEWAY,
                    tokens(Fleet.CLAIM_TOKEN, "d-1", "d-2"),
                    ctx -> devices.claimDevices(ctx, request));

            assertThat(result)
                    .contains("{\"code\":\"INVALID_ARGUMENT\",\"deviceId\":\"d-1\",\"index\":0,")
                    .contains("\"committed\":1");
            assertNothingWrittenFor("d-1");
        }

        @Test
        void refuses_a_device_claimed_twice_in_the_batch() {
            final String result = claim(Identity.ORG1_GATEWAY, tokens(Fleet.CLAIM_TOKEN, "d-1"), "d-1", "d-1");

            assertThat(result)
                    .contains("{\"code\":\"INVALID_ARGUMENT\",\"deviceId\":\"d-1\",\"index\":1,")
                    .contains("\"committed\":1");
        }

        @Test
        void refuses_unknown_and_foreign_devices_per_item() {
            world.submit(
                    Identity.ORG2_ADMIN,
                    ctx -> devices.registerDevice(
                            ctx, fleet.registerWithToken("o2-1").replace("Org1MSP", "Org2MSP")));
            keys.put("o2-1", DeviceKeyPair.p256());
            keys.put("d-9", DeviceKeyPair.p256());

            final String result =
                    claim(Identity.ORG1_GATEWAY, tokens(Fleet.CLAIM_TOKEN, "o2-1", "d-9", "d-3"), "o2-1", "d-9", "d-3");

            assertThat(result)
                    .contains("{\"code\":\"ACCESS_DENIED\",\"deviceId\":\"o2-1\",\"index\":0,")
                    .contains("{\"code\":\"DEVICE_NOT_FOUND\",\"deviceId\":\"d-9\",\"index\":1,")
                    .contains("\"committed\":1");
            assertNothingWrittenFor("o2-1");
        }

        @Test
        void refuses_a_batch_over_the_size_limit_as_a_whole() {
            final String[] items = IntStream.rangeClosed(0, DeviceBatch.MAX_ITEMS)
                    .mapToObj(i -> claimOf("d-1"))
                    .toArray(String[]::new);

            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            tokens(Fleet.CLAIM_TOKEN, "d-1"),
                            ctx -> devices.claimDevices(ctx, batch("claims", items))));
        }

        @Test
        void refuses_an_admin_for_the_whole_batch() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> claim(Identity.ORG1_ADMIN, tokens(Fleet.CLAIM_TOKEN, "d-1"), "d-1"));
        }
    }

    @Nested
    class GetDevices {
        @Test
        void returns_the_records_that_exist_in_query_order() {
            fleet.registered("d-1").registered("d-2");

            final String result = world.evaluate(
                    Identity.ORG2_ADMIN,
                    ctx -> devices.getDevices(ctx, Args.json("deviceIds", List.of("d-2", "d-9", "d-1"))));

            assertThat(result)
                    .isEqualTo("[" + world.state(Keys.of(Keys.DEVICE, "d-2")) + ","
                            + world.state(Keys.of(Keys.DEVICE, "d-1")) + "]");
        }

        @Test
        void rejects_an_invalid_id() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(
                            Identity.ORG1_AUDITOR,
                            ctx -> devices.getDevices(ctx, Args.json("deviceIds", List.of("d/1")))));
        }
    }
}
