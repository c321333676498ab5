package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareReceipt;
import org.biotdm.protocol.firmware.ManifestVerifier;
import org.biotdm.protocol.firmware.SigningKey;
import org.biotdm.protocol.signature.EcdsaP256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareCommandHandlerTest {
    private static final String MODEL = "Org1MSP/env-sensor";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final DeviceKeys manufacturer = DeviceKeys.generate();
    private final byte[] image = image(5_000);
    private final FakeGateway gateway = new FakeGateway();
    private final List<FirmwareManifest> installs = new ArrayList<>();
    private DeviceState state;
    private DeviceClient device;

    @TempDir
    Path dir;

    @BeforeEach
    void provisioned_device() throws Exception {
        state = DeviceState.open(dir, "d-ota");
        state.storeCertificate(TestCertificates.selfSigned(state.keys(), "d-ota"), null);
        device = DeviceClient.builder(state, credentials -> gateway).build();
    }

    private FirmwareCommandHandler handler() {
        return new FirmwareCommandHandler(
                new ManifestVerifier(List.of(SigningKey.fromPem("Org1MSP", manufacturer.publicKeyPem()))),
                MODEL,
                RetryPolicy.builder().maxAttempts(2).build(),
                1_024);
    }

    private FirmwareManifest manifest(String model, long sequence, byte[] bytes) {
        FirmwareManifest unsigned = new FirmwareManifest(
                model,
                "1.2.0",
                sequence,
                bytes.length,
                HexFormat.of().formatHex(EcdsaP256.sha256(bytes)),
                SigningKey.keyId(manufacturer.publicKeyPem()),
                null);
        return unsigned.withSignature(Base64.getEncoder().encodeToString(manufacturer.sign(unsigned.bytes())));
    }

    private FirmwareCommandHandler.Outcome run(
            FirmwareManifest manifest, UnaryOperator<FirmwareUpdater.ImageSource> sources) throws Exception {
        String parameters = "{\"campaignId\":\"c-1\",\"image\":\"/device/v1/firmware/images/" + manifest.sha256()
                + "\",\"manifest\":" + Json.write(manifest.toFields()) + "}";
        DeviceCommand command =
                new DeviceCommand("fw-1", FirmwareCommandHandler.COMMAND_TYPE, parameters, "0".repeat(64), 0, 1);
        return handler().handle(device, command, 4, (m, bytes) -> installs.add(m), sources);
    }

    @Test
    void installs_a_verified_image_fetched_in_ranges_and_sends_a_receipt_signed_by_the_device_key() throws Exception {
        FirmwareManifest manifest = manifest(MODEL, 5, image);

        FirmwareCommandHandler.Outcome outcome = run(manifest, UnaryOperator.identity());

        assertThat(outcome.installed()).isEqualTo(manifest);
        assertThat(installs).containsExactly(manifest);
        assertThat(gateway.ranges).hasSize(5).startsWith("bytes=0-1023").endsWith("bytes=4096-4999");
        assertThat(gateway.states()).containsExactly("NOTIFIED", "DOWNLOADING", "DOWNLOADED", "VERIFIED", "UPDATING");
        String receipt = gateway.bodyOf("/device/v1/firmware/receipt");
        String signature = receipt.replaceAll(".*\"signature\":\"([^\"]+)\".*", "$1");
        assertThat(FirmwareReceipt.of("d-ota", manifest).verify(state.keys().publicParameters(), signature))
                .isTrue();
        assertThat(gateway.bodyOf("/device/v1/commands/fw-1/receipt")).contains("\"status\":\"SUCCEEDED\"");
    }

    @Test
    void keeps_its_firmware_and_reports_failed_with_the_code_of_a_tampered_unsigned_foreign_or_older_image()
            throws Exception {
        byte[] other = image.clone();
        other[0] ^= 1;
        Map<String, FirmwareManifest> cases = Map.of(
                "FIRMWARE_IMAGE_HASH_MISMATCH", manifest(MODEL, 5, other),
                "FIRMWARE_UNSIGNED", manifest(MODEL, 5, image).withSignature(null),
                "FIRMWARE_SIGNATURE_INVALID",
                        manifest(MODEL, 5, image)
                                .withSignature(manifest(MODEL, 6, image).signature()),
                "FIRMWARE_MODEL_MISMATCH", manifest("Org1MSP/other", 5, image),
                "FIRMWARE_DOWNGRADE", manifest(MODEL, 4, image));

        for (Map.Entry<String, FirmwareManifest> refused : cases.entrySet()) {
            gateway.requests.clear();

            FirmwareCommandHandler.Outcome outcome = run(refused.getValue(), UnaryOperator.identity());

            assertThat(outcome.reason()).as(refused.getKey()).isEqualTo(refused.getKey());
            assertThat(outcome.installed()).isNull();
            assertThat(gateway.states()).last().isEqualTo("FAILED " + refused.getKey());
            assertThat(gateway.bodyOf("/device/v1/commands/fw-1/receipt")).contains("\"status\":\"FAILED\"");
            assertThat(gateway.paths()).doesNotContain("/device/v1/firmware/receipt");
        }
        assertThat(installs).isEmpty();
    }

    @Test
    void refuses_an_image_corrupted_on_the_way_in_as_the_simulator_injects_it() throws Exception {
        FirmwareCommandHandler.Outcome outcome = run(manifest(MODEL, 5, image), source -> (offset, length) -> {
            byte[] chunk = source.read(offset, length);
            chunk[0] ^= 1;
            return chunk;
        });

        assertThat(outcome.reason()).isEqualTo("FIRMWARE_IMAGE_HASH_MISMATCH");
        assertThat(installs).isEmpty();
    }

    private static byte[] image(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return bytes;
    }

    /** Serves the image's ranges (the original image, whatever the manifest says) and accepts every POST. */
    private final class FakeGateway implements DeviceTransport {
        final List<DeviceRequest> requests = new CopyOnWriteArrayList<>();
        final List<String> ranges = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<DeviceResponse> exchange(DeviceRequest request) {
            requests.add(request);
            String range = request.headers().get("Range");
            if (range == null) {
                return CompletableFuture.completedFuture(
                        new DeviceResponse(200, "{}".getBytes(StandardCharsets.UTF_8), null));
            }
            ranges.add(range);
            Matcher m = RANGE.matcher(range);
            assertThat(m.matches()).isTrue();
            int first = Integer.parseInt(m.group(1));
            int last = Math.min(Integer.parseInt(m.group(2)), image.length - 1);
            return CompletableFuture.completedFuture(
                    new DeviceResponse(206, Arrays.copyOfRange(image, first, last + 1), null));
        }

        List<String> paths() {
            return requests.stream().map(DeviceRequest::path).toList();
        }

        List<String> states() {
            return requests.stream()
                    .filter(r -> r.path().equals("/device/v1/firmware/progress"))
                    .map(r -> new String(r.body(), StandardCharsets.UTF_8))
                    .map(b -> b.replaceAll(".*\"state\":\"([A-Z]+)\"(,\"reason\":\"([A-Z_]+)\")?.*", "$1 $3")
                            .strip())
                    .toList();
        }

        String bodyOf(String path) {
            return requests.stream()
                    .filter(r -> r.path().equals(path))
                    .map(r -> new String(r.body(), StandardCharsets.UTF_8))
                    .reduce((a, b) -> b)
                    .orElse("");
        }

        @Override
        public void close() {}
    }
}
