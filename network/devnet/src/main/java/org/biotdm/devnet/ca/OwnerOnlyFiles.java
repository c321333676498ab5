package org.biotdm.devnet.ca;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the network's files, secrets or not (a chaincode's TLS client key, block files, logs): files readable by the
 * owner only from their first byte (a temporary file created {@code rw-------}, renamed over the target), in directories
 * created {@code rwx------}.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    /**
     * Writes a file atomically, owner-only from its first byte.
     *
     * @param target the file
     * @param content its bytes
     * @throws IOException when it cannot be written
     */
    public static void write(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
    }

    /**
     * Creates an empty file owner-only ({@code rw-------}) when it is missing, and its missing parent directories
     * {@code rwx------}, for a file that is then opened for appending (block files, logs); an existing file is kept.
     *
     * @param file the file
     * @throws IOException when it cannot be created
     */
    public static void createFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        createDirectories(absolute.getParent());
        FileAttribute<?>[] attributes =
                absolute.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0];
        try {
            Files.createFile(absolute, attributes);
        } catch (FileAlreadyExistsException e) {
            // kept as it is: an earlier start created it
        }
    }

    /**
     * Creates a directory and its missing parents, each owner-only ({@code rwx------}) where the file system has
     * POSIX permissions.
     *
     * @param directory the directory
     * @throws IOException when it cannot be created
     */
    public static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null
                && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                }
                : new FileAttribute<?>[0];
        Files.createDirectories(absolute, attributes);
    }
}
