package org.biotdm.protocol.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks an image against its manifest while it streams in, chunk by chunk (HTTP {@code Range} downloads): steps 7
 * (size) and 8 (SHA-256) of {@code protocol/firmware-manifest-v1.md}. A chunk that would take the image past the
 * manifest's size is refused at once. Not thread-safe: one instance per download.
 */
public final class ImageCheck {
    private final FirmwareManifest manifest;
    private final MessageDigest digest;
    private long received;

    /**
     * Starts checking an image.
     *
     * @param manifest the manifest the image must match
     */
    public ImageCheck(FirmwareManifest manifest) {
        this.manifest = manifest;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Adds the next bytes of the image.
     *
     * @param chunk the buffer
     * @param offset where the bytes start in it
     * @param length how many bytes
     * @throws FirmwareRefusedException {@code FIRMWARE_IMAGE_SIZE_MISMATCH} when the image grows past the manifest's
     *     size
     */
    public void update(byte[] chunk, int offset, int length) {
        if (received + length > manifest.size()) {
            throw new FirmwareRefusedException(
                    FirmwareError.FIRMWARE_IMAGE_SIZE_MISMATCH,
                    "the image is longer than the manifest's " + manifest.size() + " bytes");
        }
        digest.update(chunk, offset, length);
        received += length;
    }

    /**
     * Returns how many bytes were added, where a resumed download continues.
     *
     * @return bytes so far
     */
    public long received() {
        return received;
    }

    /**
     * Ends the image and runs steps 7 and 8.
     *
     * @throws FirmwareRefusedException {@code FIRMWARE_IMAGE_SIZE_MISMATCH} when the image is shorter, {@code
     *     FIRMWARE_IMAGE_HASH_MISMATCH} when its SHA-256 differs
     */
    public void finish() {
        if (received != manifest.size()) {
            throw new FirmwareRefusedException(
                    FirmwareError.FIRMWARE_IMAGE_SIZE_MISMATCH,
                    "the image has " + received + " bytes, the manifest says " + manifest.size());
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(manifest.sha256())) {
            throw new FirmwareRefusedException(
                    FirmwareError.FIRMWARE_IMAGE_HASH_MISMATCH, "the image's SHA-256 differs from the manifest's");
        }
    }

    /**
     * Checks a whole image held in memory.
     *
     * @param manifest the manifest
     * @param image the image bytes
     * @throws FirmwareRefusedException as {@link #update} and {@link #finish}
     */
    public static void check(FirmwareManifest manifest, byte[] image) {
        ImageCheck check = new ImageCheck(manifest);
        check.update(image, 0, image.length);
        check.finish();
    }
}
