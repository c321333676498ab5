package org.biotdm.gateway.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes secrets (private keys, key-encryption keys, one-time tokens, keystores) so that no other user of the host
 * can read them at any moment: the file is created with mode {@code 600} by the call that creates it (never created
 * with the process's umask and restricted afterwards), written, forced to disk, and moved over the target in one
 * atomic rename, so readers see either the old or the whole new content. Missing parent directories are created with
 * mode {@code 700}. On a file system without POSIX permissions the files get the platform's defaults.
 */
public final class SecretFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private SecretFiles() {}

    /**
     * Writes text as UTF-8.
     *
     * @param file the target; replaced if it exists
     * @param text the content
     * @throws IOException when the file or a parent directory cannot be created or written
     */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes.
     *
     * @param file the target; replaced if it exists
     * @param content the content
     * @throws IOException when the file or a parent directory cannot be created or written
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", fileAttributes(directory));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Creates a directory and its missing parents with mode {@code 700}; existing directories are left as they are.
     *
     * @param directory the directory
     * @return the directory
     * @throws IOException when a directory cannot be created
     */
    public static Path createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        createDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute, directoryAttributes(absolute));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
        return absolute;
    }

    /**
     * Creates an empty temporary file with mode {@code 600} from its first byte, in a directory created with mode
     * {@code 700} when missing, for content too large to hold in memory; the caller writes it and moves it into place.
     *
     * @param directory where the file goes (same file system as its final place, so the move is atomic)
     * @param prefix the file name's start
     * @return the new file
     * @throws IOException when the directory or file cannot be created
     */
    public static Path createTempFile(Path directory, String prefix) throws IOException {
        Path absolute = createDirectories(directory);
        return Files.createTempFile(absolute, prefix, ".tmp", fileAttributes(absolute));
    }

    private static FileAttribute<?>[] fileAttributes(Path where) {
        return posix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : none();
    }

    private static FileAttribute<?>[] directoryAttributes(Path where) {
        return posix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY)} : none();
    }

    private static boolean posix(Path where) {
        return where.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] none() {
        return new FileAttribute<?>[0];
    }
}
