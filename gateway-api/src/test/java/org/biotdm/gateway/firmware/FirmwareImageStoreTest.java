package org.biotdm.gateway.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import org.biotdm.protocol.firmware.FirmwareError;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareRefusedException;
import org.biotdm.protocol.signature.EcdsaP256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareImageStoreTest {
    @TempDir
    Path dataDir;

    private final byte[] image = image(300_000);
    private final FirmwareManifest manifest = manifestOf(image);

    private FirmwareImageStore store() {
        return new FirmwareImageStore(dataDir.resolve("firmware"), 1 << 20);
    }

    @Test
    void keeps_a_matching_image_under_its_hash_readable_by_the_owner_only() throws IOException {
        Path stored = store().store(manifest, new ByteArrayInputStream(image));

        assertThat(stored.getFileName()).hasToString(manifest.sha256());
        assertThat(Files.readAllBytes(stored)).isEqualTo(image);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.getParent())))
                .isEqualTo("rwx------");
        assertThat(store().find(manifest.sha256())).contains(stored);
    }

    @Test
    void refuses_a_truncated_image_and_keeps_nothing() {
        assertRefused(Arrays.copyOf(image, 200_000), FirmwareError.FIRMWARE_IMAGE_SIZE_MISMATCH);
    }

    @Test
    void refuses_an_image_longer_than_its_manifest_at_the_first_extra_byte() {
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                return served++ < 2L * image.length ? 0 : -1;
            }
        };

        assertThatThrownBy(() -> store().store(manifest, endless))
                .isInstanceOfSatisfying(FirmwareRefusedException.class, e -> assertThat(e.error())
                        .isEqualTo(FirmwareError.FIRMWARE_IMAGE_SIZE_MISMATCH));
    }

    @Test
    void refuses_a_modified_image_and_keeps_nothing() {
        byte[] modified = image.clone();
        modified[12_345] ^= 1;

        assertRefused(modified, FirmwareError.FIRMWARE_IMAGE_HASH_MISMATCH);
    }

    @Test
    void refuses_an_image_above_the_limit_before_reading_it() {
        FirmwareImageStore small = new FirmwareImageStore(dataDir.resolve("firmware"), 1_000);

        assertThatThrownBy(() -> small.store(manifest, new ByteArrayInputStream(image)))
                .isInstanceOf(FirmwareImageStore.ImageTooLargeException.class);
    }

    @Test
    void serves_a_byte_range_of_a_stored_image() throws IOException {
        Path stored = store().store(manifest, new ByteArrayInputStream(image));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        FirmwareImageStore.copy(stored, new ByteRange(1_000, 70_999), out);

        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(image, 1_000, 71_000));
    }

    @Test
    void finds_nothing_for_a_name_that_is_not_a_hash() {
        assertThat(store().find("../secret")).isEmpty();
        assertThat(store().find(manifest.sha256())).isEmpty();
    }

    private void assertRefused(byte[] upload, FirmwareError error) {
        assertThatThrownBy(() -> store().store(manifest, new ByteArrayInputStream(upload)))
                .isInstanceOfSatisfying(FirmwareRefusedException.class, e -> assertThat(e.error())
                        .isEqualTo(error));
        assertThat(store().find(manifest.sha256())).isEmpty();
        assertThat(dataDir.resolve("firmware").toFile().list()).isEmpty();
    }

    private static byte[] image(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    private static FirmwareManifest manifestOf(byte[] image) {
        return new FirmwareManifest(
                "Org1MSP/env-sensor",
                "1.1.0",
                5,
                image.length,
                HexFormat.of().formatHex(EcdsaP256.sha256(image)),
                "00".repeat(32),
                null);
    }
}
