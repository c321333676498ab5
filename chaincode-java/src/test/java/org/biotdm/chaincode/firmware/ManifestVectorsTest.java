package org.biotdm.chaincode.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.Vectors;
import org.biotdm.chaincode.testing.World;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared firmware vectors ({@code protocol/vectors/firmware-manifest-v1.json}) against PublishFirmware, which
 * runs steps 1 to 4, and against the chaincode's installation-receipt text and check. Skipped where the chaincode is
 * built alone ({@link Vectors}).
 */
class ManifestVectorsTest {
    /** The codes of steps 1 to 4; a vector failing a later step publishes on the ledger. */
    private static final Set<String> LEDGER_STEPS = Set.of(
            "FIRMWARE_MANIFEST_INVALID",
            "FIRMWARE_UNSIGNED",
            "FIRMWARE_SIGNING_KEY_UNKNOWN",
            "FIRMWARE_SIGNATURE_INVALID");

    private final FirmwareContract firmware = new FirmwareContract();

    static Stream<Map<String, Object>> cases() throws IOException {
        return Vectors.maps(Vectors.read("firmware-manifest-v1.json").get("cases")).stream();
    }

    static Stream<Map<String, Object>> receipts() throws IOException {
        return Vectors.maps(Vectors.read("firmware-manifest-v1.json").get("receipts")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void publishes_exactly_the_manifests_that_pass_steps_1_to_4(final Map<String, Object> vector) throws IOException {
        final World world = worldWithTrustedKeys();
        final String manifest = Json.write(vector.get("manifest"));
        final String result = (String) vector.get("result");

        if (LEDGER_STEPS.contains(result)) {
            assertThatThrownBy(() -> world.submit(Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, manifest)))
                    .isInstanceOf(ChaincodeException.class)
                    .hasMessageStartingWith("[" + result + "] ");
        } else {
            assertThat(world.submit(Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, manifest)))
                    .contains("\"sha256\":\""
                            + Vectors.map(vector.get("manifest")).get("sha256") + "\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void builds_the_canonical_text_of_every_well_formed_manifest(final Map<String, Object> vector) {
        if (vector.containsKey("canonical")) {
            final Map<String, Object> manifest = Vectors.map(vector.get("manifest"));
            assertThat(CanonicalManifest.text(
                            (String) manifest.get("model"),
                            (String) manifest.get("version"),
                            ((Number) manifest.get("sequence")).longValue(),
                            ((Number) manifest.get("size")).longValue(),
                            (String) manifest.get("sha256"),
                            (String) manifest.get("keyId")))
                    .isEqualTo(vector.get("canonical"));
        } else {
            assertThat(vector.get("result")).isEqualTo("FIRMWARE_MANIFEST_INVALID");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receipts")
    void checks_installation_receipts_as_the_vector_says(final Map<String, Object> vector) throws IOException {
        final Map<String, Object> fields = Vectors.map(vector.get("receipt"));
        final Firmware installed = Firmware.builder()
                .model((String) fields.get("model"))
                .version((String) fields.get("version"))
                .sequence(((Number) fields.get("sequence")).longValue())
                .sha256((String) fields.get("sha256"))
                .build();
        final Device device = Device.builder()
                .deviceId((String) fields.get("deviceId"))
                .publicKeyPem(Vectors.publicKey((String) vector.get("public_key")))
                .build();

        assertThat(CanonicalManifest.receipt(device.getDeviceId(), installed)).isEqualTo(vector.get("canonical"));
        if (Boolean.TRUE.equals(vector.get("valid"))) {
            FirmwareSignatures.verifyReceipt(device, installed, (String) vector.get("signature"));
        } else {
            assertThatThrownBy(
                            () -> FirmwareSignatures.verifyReceipt(device, installed, (String) vector.get("signature")))
                    .hasMessageStartingWith("[RECEIPT_SIGNATURE_INVALID] ");
        }
    }

    private World worldWithTrustedKeys() throws IOException {
        final World world = new World();
        final Map<String, Object> vectors = Vectors.read("firmware-manifest-v1.json");
        for (final Map<String, Object> trusted : Vectors.maps(vectors.get("trusted_keys"))) {
            final Identity admin = new Identity((String) trusted.get("manufacturer"), "admin", "admin");
            final String pem = Vectors.publicKey((String) trusted.get("key"));
            world.submit(admin, ctx -> firmware.registerFirmwareSigningKey(ctx, Args.json("publicKeyPem", pem)));
        }
        return world;
    }
}
