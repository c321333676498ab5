package org.biotdm.protocol.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.protocol.signature.EcdsaP256;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FirmwareVectorsTest {
    private static final String FILE = "firmware-manifest-v1.json";
    private static final Map<String, Object> VECTORS = VectorFiles.read(FILE);
    private static final HexFormat HEX = HexFormat.of();
    private static final ManifestVerifier VERIFIER = new ManifestVerifier(trustedKeys());

    static Stream<Map<String, Object>> cases() {
        return VectorFiles.maps(VECTORS.get("cases")).stream();
    }

    static Stream<Map<String, Object>> receipts() {
        return VectorFiles.maps(VECTORS.get("receipts")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gives_the_verdict_the_vector_names(Map<String, Object> vector) {
        byte[] image = image((String) vector.get("image"));

        assertThat(verdict(vector, manifest -> ImageCheck.check(manifest, image)))
                .isEqualTo(vector.get("result"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gives_the_same_verdict_when_the_image_streams_in_small_chunks(Map<String, Object> vector) {
        byte[] image = image((String) vector.get("image"));

        assertThat(verdict(vector, manifest -> {
                    ImageCheck check = new ImageCheck(manifest);
                    for (int offset = 0; offset < image.length; offset += 37) {
                        check.update(image, offset, Math.min(37, image.length - offset));
                    }
                    check.finish();
                }))
                .isEqualTo(vector.get("result"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodes_the_canonical_text_of_every_well_formed_manifest(Map<String, Object> vector) {
        if (!vector.containsKey("canonical")) {
            assertThat(vector.get("result")).isEqualTo(FirmwareError.FIRMWARE_MANIFEST_INVALID.code());
            return;
        }
        FirmwareManifest manifest = FirmwareManifest.fromFields(VectorFiles.asMap(vector.get("manifest")));

        assertThat(manifest.canonicalText()).isEqualTo(vector.get("canonical"));
        assertThat(HEX.formatHex(manifest.bytes())).isEqualTo(vector.get("canonical_hex"));
        assertThat(HEX.formatHex(EcdsaP256.sha256(manifest.bytes()))).isEqualTo(vector.get("canonical_sha256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receipts")
    void encodes_and_verifies_installation_receipts(Map<String, Object> vector) {
        Map<String, Object> fields = VectorFiles.asMap(vector.get("receipt"));
        FirmwareReceipt receipt = new FirmwareReceipt(
                (String) fields.get("deviceId"),
                (String) fields.get("model"),
                (String) fields.get("version"),
                (Long) fields.get("sequence"),
                (String) fields.get("sha256"));
        var key = EcdsaP256.publicKeyFromPem(VectorFiles.keyPem((String) vector.get("public_key"), "spki_pem"));

        assertThat(receipt.canonicalText()).isEqualTo(vector.get("canonical"));
        assertThat(HEX.formatHex(receipt.bytes())).isEqualTo(vector.get("canonical_hex"));
        assertThat(receipt.verify(key, (String) vector.get("signature"))).isEqualTo(vector.get("valid"));
        assertThat(receipt.verify(key, "not*base64")).isFalse();
    }

    @Test
    void derives_the_key_ids_keys_json_gives() {
        for (Map<String, Object> key :
                VectorFiles.maps(VectorFiles.read("keys.json").get("keys"))) {
            if (key.containsKey("key_id")) {
                assertThat(SigningKey.keyId((String) key.get("spki_pem"))).isEqualTo(key.get("key_id"));
            }
        }
    }

    private static String verdict(Map<String, Object> vector, ImageStep imageStep) {
        try {
            FirmwareManifest manifest = FirmwareManifest.fromFields(VectorFiles.asMap(vector.get("manifest")));
            VERIFIER.verifySignature(manifest);
            Map<String, Object> device = VectorFiles.asMap(VECTORS.get("device"));
            ManifestVerifier.checkTarget(
                    manifest, (String) device.get("model"), (Long) device.get("installed_sequence"));
            imageStep.check(manifest);
            return "VALID";
        } catch (FirmwareRefusedException e) {
            assertThat(e.getMessage()).startsWith("[" + e.error().code() + "] ");
            return e.error().code();
        }
    }

    static List<SigningKey> trustedKeys() {
        return VectorFiles.maps(VECTORS.get("trusted_keys")).stream()
                .map(entry -> SigningKey.fromPem(
                        (String) entry.get("manufacturer"), VectorFiles.keyPem((String) entry.get("key"), "spki_pem")))
                .toList();
    }

    static byte[] image(String name) {
        Map<String, Object> image =
                VectorFiles.asMap(VectorFiles.asMap(VECTORS.get("images")).get(name));
        byte[] bytes = HEX.parseHex((String) image.get("hex"));
        assertThat((long) bytes.length).isEqualTo(image.get("size"));
        return bytes;
    }

    @FunctionalInterface
    interface ImageStep {
        void check(FirmwareManifest manifest);
    }
}
