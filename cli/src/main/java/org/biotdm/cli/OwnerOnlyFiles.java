package org.biotdm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the files and directories of the stack's data directory owner-only from their first byte (directories
 * {@code rwx------}, files {@code rw-------}), whatever the process umask: {@code scripts/biotdm} sets umask 077, but
 * {@code java -jar biotdm.jar} runs with the caller's. On a file system without POSIX permissions the modes are left
 * to the platform.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /**
     * Creates a directory and any missing parents, each one it creates owner-only; existing ones are left as they are.
     *
     * @param dir the directory
     * @return {@code dir}
     * @throws IOException when a directory cannot be created
     */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, attribute(absolute, DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
        return dir;
    }

    /**
     * Creates an empty owner-only file (and its directories) unless it exists, for example a log to append to.
     *
     * @param file the file
     * @return {@code file}
     * @throws IOException when it cannot be created
     */
    public static Path createFile(Path file) throws IOException {
        createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, attribute(file, FILE));
        } catch (FileAlreadyExistsException e) {
            // kept as it is: appending to an existing log or key
        }
        return file;
    }

    /**
     * Replaces a file's content atomically: the text goes into an owner-only temporary file beside it, which is then
     * moved over the file.
     *
     * @param file the file
     * @param text its new content, written as UTF-8
     * @throws IOException when it cannot be written
     */
    public static void writeString(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        createFile(temp);
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Copies a file into a new owner-only file; an existing target is left as it is.
     *
     * @param from the file to copy
     * @param to the new file
     * @throws IOException when it cannot be read or written
     */
    public static void copyIfAbsent(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            return;
        }
        byte[] content = Files.readAllBytes(from);
        Path temp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        createFile(temp);
        Files.write(temp, content);
        Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FileAttribute<?>[] attribute(Path path, Set<PosixFilePermission> permissions) {
        Path existing = path.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing == null
                || existing.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
