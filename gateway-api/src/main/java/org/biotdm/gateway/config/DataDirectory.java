package org.biotdm.gateway.config;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.biotdm.gateway.security.SecretFiles;

/**
 * The service's data directory, {@code biotdm.data-dir} (a relative path is taken from the working directory): the
 * embedded MariaDB, the device CA keystore, the device port's generated certificate, the generated token and
 * key-encryption keys and the bootstrap tokens live under it. It is the only place that setting is read.
 *
 * <p>A missing directory is created, with its missing parents, and made owner-only ({@code rwx------}) on POSIX file
 * systems, since what is written into it includes private keys. An existing directory is used as it is.
 */
@Singleton
public final class DataDirectory {
    private final Path path;

    /**
     * Resolves the directory and creates it when missing.
     *
     * @param path {@code biotdm.data-dir}, absolute or relative to the working directory
     * @throws UncheckedIOException when the directory is missing and cannot be created
     */
    public DataDirectory(@Property(name = "biotdm.data-dir") Path path) {
        this.path =
                Objects.requireNonNull(path, "biotdm.data-dir").toAbsolutePath().normalize();
        if (!Files.isDirectory(this.path)) {
            create(this.path);
        }
    }

    /**
     * Returns the directory.
     *
     * @return its absolute, normalised path
     */
    public Path path() {
        return path;
    }

    /**
     * Returns a path inside the directory.
     *
     * @param first the first name, for example {@code users}
     * @param more further names, for example {@code jwt-signing-key.pem}
     * @return the resolved path (nothing is created)
     */
    public Path resolve(String first, String... more) {
        return path.resolve(path.getFileSystem().getPath(first, more));
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private static void create(Path path) {
        try {
            // Created 700 by the call that creates it (and its missing parents), then an existing one is restricted.
            SecretFiles.createDirectories(path);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("biotdm.data-dir " + path + " cannot be created", e);
        }
    }
}
