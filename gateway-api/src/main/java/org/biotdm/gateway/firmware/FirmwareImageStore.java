package org.biotdm.gateway.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.biotdm.gateway.security.SecretFiles;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.ImageCheck;

/**
 * Keeps firmware images content-addressed under one directory of the data dir: an image lives in the file named by
 * its SHA-256 in lower-case hex, mode {@code 600} from its first byte in a directory of mode {@code 700}. An upload
 * streams into a temporary file through {@link ImageCheck}, so an image longer than its manifest's size is refused as
 * soon as the extra byte arrives and nothing is kept unless size and SHA-256 match (steps 7 and 8 of {@code
 * protocol/firmware-manifest-v1.md}); then one atomic rename puts it in place. Thread-safe: concurrent uploads of the
 * same image each write their own temporary file and the renames replace identical content.
 */
final class FirmwareImageStore {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;

    private final Path directory;
    private final long maxBytes;

    /**
     * Creates the store.
     *
     * @param directory where images live, created with mode {@code 700} on first upload
     * @param maxBytes the largest image accepted, in bytes
     */
    public FirmwareImageStore(Path directory, long maxBytes) {
        this.directory = directory.toAbsolutePath();
        this.maxBytes = maxBytes;
    }

    /**
     * Streams an image in and keeps it when it matches its manifest.
     *
     * @param manifest the signed manifest, whose signature the caller verified
     * @param image the image bytes; read to the end or to the first refusal, not closed
     * @return the stored file
     * @throws ImageTooLargeException when the manifest's size exceeds the limit (nothing is read)
     * @throws org.biotdm.protocol.firmware.FirmwareRefusedException {@code FIRMWARE_IMAGE_SIZE_MISMATCH} or {@code
     *     FIRMWARE_IMAGE_HASH_MISMATCH}; nothing is kept
     * @throws IOException when the disk fails
     */
    public Path store(FirmwareManifest manifest, InputStream image) throws IOException {
        if (manifest.size() > maxBytes) {
            throw new ImageTooLargeException(manifest.size(), maxBytes);
        }
        Path temporary = SecretFiles.createTempFile(directory, ".upload-");
        try {
            copyChecked(manifest, image, temporary);
            Path target = directory.resolve(manifest.sha256());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Finds a stored image.
     *
     * @param sha256 the image's SHA-256, lower-case hex
     * @return its file, or empty when none is stored or the text is not 64 lower-case hex digits
     */
    public Optional<Path> find(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(sha256);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Copies one byte range of a stored image.
     *
     * @param file a file {@link #find} returned
     * @param range the range, within the file
     * @param out where the bytes go; not closed
     * @throws IOException when reading or writing fails
     */
    public static void copy(Path file, ByteRange range, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = range.first();
            long remaining = range.length();
            var target = Channels.newChannel(out);
            while (remaining > 0) {
                long sent = channel.transferTo(position, remaining, target);
                if (sent <= 0) {
                    throw new IOException("the image ended before the range did");
                }
                position += sent;
                remaining -= sent;
            }
        }
    }

    private static void copyChecked(FirmwareManifest manifest, InputStream image, Path temporary) throws IOException {
        ImageCheck check = new ImageCheck(manifest);
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
            for (int read = image.read(buffer); read >= 0; read = image.read(buffer)) {
                check.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        check.finish();
    }

    /** Thrown when an image's declared size exceeds the gateway's upload limit. */
    public static final class ImageTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImageTooLargeException(long size, long limit) {
            super("the image's " + size + " bytes exceed the upload limit of " + limit);
        }
    }
}
