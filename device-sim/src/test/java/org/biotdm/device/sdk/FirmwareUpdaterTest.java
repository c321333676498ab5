package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareRefusedException;
import org.biotdm.protocol.firmware.ManifestVerifier;
import org.biotdm.protocol.firmware.SigningKey;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.junit.jupiter.api.Test;

class FirmwareUpdaterTest {
    /** The vectors' firmware-1 key (protocol/vectors/keys.json): SHA-256 of "biotdm-protocol test key firmware-1" mod n. */
    private static final ECPrivateKeyParameters MANUFACTURER = new ECPrivateKeyParameters(
            new java.math.BigInteger("67f6b1fef9dc32d2e32b8fc6f5a858442cfb3955557f3c240abb6d549b376aa7", 16),
            EcdsaP256.DOMAIN);

    private static final String MANUFACTURER_PEM = "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoGdMS6kO0aw2BDr0vfvqA6aCdei9\n"
            + "xIj5CPW4zLfLKMc27jTC/0NWQAOMdFEDPnpkvS/T/0tGk1aVblstn1iEng==\n"
            + "-----END PUBLIC KEY-----\n";
    private static final String MODEL = "Org1MSP/env-sensor";

    private final byte[] image = image(10_000);
    private final List<String> states = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private FirmwareManifest installed;

    private FirmwareUpdater updater() {
        return new FirmwareUpdater(
                new ManifestVerifier(List.of(SigningKey.fromPem("Org1MSP", MANUFACTURER_PEM))),
                MODEL,
                RetryPolicy.builder().maxAttempts(3).build(),
                waits::add,
                1_024);
    }

    private FirmwareManifest update(Map<String, Object> manifest, FirmwareUpdater.ImageSource source)
            throws IOException, InterruptedException {
        return updater()
                .update(
                        manifest,
                        4,
                        source,
                        (m, bytes) -> installed = m,
                        (state, reason) -> states.add(reason == null ? state.name() : state + " " + reason));
    }

    @Test
    void installs_a_signed_image_after_streaming_it_in_range_chunks() throws Exception {
        List<Long> offsets = new ArrayList<>();

        FirmwareManifest result = update(signed(MODEL, 5, image), (offset, length) -> {
            offsets.add(offset);
            return Arrays.copyOfRange(image, (int) offset, (int) offset + length);
        });

        assertThat(result.version()).isEqualTo("1.1.0");
        assertThat(installed).isEqualTo(result);
        assertThat(offsets).hasSize(10).startsWith(0L, 1_024L).endsWith(9_216L);
        assertThat(states).containsExactly("NOTIFIED", "DOWNLOADING", "DOWNLOADED", "VERIFIED", "UPDATING", "UPDATED");
    }

    @Test
    void resumes_where_a_failed_chunk_stopped_after_backing_off() throws Exception {
        int[] calls = {0};

        update(signed(MODEL, 5, image), (offset, length) -> {
            if (++calls[0] % 3 == 0) {
                throw new IOException("connection reset");
            }
            return Arrays.copyOfRange(image, (int) offset, (int) offset + length);
        });

        assertThat(installed).isNotNull();
        assertThat(waits).isNotEmpty().allSatisfy(wait -> assertThat(wait).isPositive());
    }

    @Test
    void refuses_a_tampered_image_and_keeps_the_old_firmware() {
        byte[] tampered = image.clone();
        tampered[5_000] ^= 1;

        assertRefused(signed(MODEL, 5, image), tampered, "FIRMWARE_IMAGE_HASH_MISMATCH");
    }

    @Test
    void refuses_a_truncated_image() {
        assertRefused(signed(MODEL, 5, image), Arrays.copyOf(image, 6_000), "FIRMWARE_IMAGE_SIZE_MISMATCH");
    }

    @Test
    void refuses_an_unsigned_manifest_before_downloading() {
        Map<String, Object> unsigned = signed(MODEL, 5, image);
        unsigned.remove("signature");

        assertRefused(unsigned, image, "FIRMWARE_UNSIGNED");
        assertThat(states).doesNotContain("DOWNLOADING");
    }

    @Test
    void refuses_a_downgrade() {
        assertRefused(signed(MODEL, 3, image), image, "FIRMWARE_DOWNGRADE");
    }

    @Test
    void refuses_another_model() {
        assertRefused(signed("Org1MSP/air-sensor", 5, image), image, "FIRMWARE_MODEL_MISMATCH");
    }

    @Test
    void gives_up_when_the_download_keeps_failing() {
        assertThatThrownBy(() -> update(signed(MODEL, 5, image), (offset, length) -> {
                    throw new IOException("unreachable");
                }))
                .isInstanceOf(IOException.class);
        assertThat(installed).isNull();
        assertThat(states).last().isEqualTo("FAILED FIRMWARE_DOWNLOAD_FAILED");
    }

    private void assertRefused(Map<String, Object> manifest, byte[] served, String code) {
        assertThatThrownBy(() -> update(
                        manifest,
                        (offset, length) -> Arrays.copyOfRange(
                                served, (int) offset, (int) Math.min(served.length, offset + length))))
                .isInstanceOfSatisfying(
                        FirmwareRefusedException.class,
                        e -> assertThat(e.error().code()).isEqualTo(code));
        assertThat(installed).isNull();
        assertThat(states).last().isEqualTo("FAILED " + code);
    }

    private static Map<String, Object> signed(String model, long sequence, byte[] image) {
        FirmwareManifest manifest = new FirmwareManifest(
                model,
                "1.1.0",
                sequence,
                image.length,
                HexFormat.of().formatHex(EcdsaP256.sha256(image)),
                SigningKey.keyId(MANUFACTURER_PEM),
                null);
        String signature = Base64.getEncoder().encodeToString(EcdsaP256.sign(MANUFACTURER, manifest.bytes()));
        return manifest.withSignature(signature).toFields();
    }

    private static byte[] image(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i ^ (i >> 7));
        }
        return bytes;
    }
}
