package org.biotdm.devnet.ca;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes files so that a crash never leaves a half-written one: the bytes go to a temporary file in the same
 * directory, are forced to disk, and the temporary file is then renamed over the target atomically. Every file is
 * owner-only ({@code rw-------}) from its first byte, certificates too, and missing directories are created {@code
 * rwx------}: nothing under the network's data directory is readable by other users of the host.
 */
final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {}

    static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        OwnerOnlyFiles.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", attributes(directory));
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
        syncDirectory(directory);
    }

    /** Forces a directory's entries to disk so a rename survives a crash; not every platform allows it. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Directories cannot be opened for sync on some platforms; the rename is still atomic there.
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw new IOException("cannot move " + source + " to " + target, e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    private static FileAttribute<?>[] attributes(Path directory) {
        // Temporary files start owner-only, so a private key is never readable by others, not even briefly.
        return supportsPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean supportsPosix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
