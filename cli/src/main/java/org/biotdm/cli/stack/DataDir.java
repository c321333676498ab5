package org.biotdm.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a stack's data directory: {@code devnet/} (the dev network's crypto material and ledgers), {@code
 * gateway/} (the gateway's MariaDB, device CA and keys), {@code logs/} (one log per child process), {@code
 * devices/} (simulated devices' keys and sequence numbers), {@code credentials.properties} (the first users) and
 * {@code stack.properties} (the URLs of the running stack, present only while it runs).
 *
 * @param root the data directory
 */
public record DataDir(Path root) {
    private static final List<String> OWNED = List.of(
            "devnet",
            "gateway",
            "logs",
            "devices",
            "demo",
            "credentials.properties",
            "stack.properties",
            "ports.properties");

    /**
     * Creates the layout over a directory.
     *
     * @param root the data directory; made absolute
     */
    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * Returns the dev network's data directory.
     *
     * @return {@code <root>/devnet}
     */
    public Path devnet() {
        return root.resolve("devnet");
    }

    /**
     * Returns the gateway's data directory ({@code biotdm.data-dir}).
     *
     * @return {@code <root>/gateway}
     */
    public Path gateway() {
        return root.resolve("gateway");
    }

    /**
     * Returns the log directory.
     *
     * @return {@code <root>/logs}
     */
    public Path logs() {
        return root.resolve("logs");
    }

    /**
     * Returns the simulated devices' state directory.
     *
     * @return {@code <root>/devices}
     */
    public Path devices() {
        return root.resolve("devices");
    }

    /**
     * Returns the credentials of the users {@code up} created.
     *
     * @return {@code <root>/credentials.properties}
     */
    public Path credentials() {
        return root.resolve("credentials.properties");
    }

    /**
     * Returns the file describing the running stack.
     *
     * @return {@code <root>/stack.properties}
     */
    public Path stackFile() {
        return root.resolve("stack.properties");
    }

    /**
     * Returns the file recording the ports the stack chose on its first start, which restarts reuse.
     *
     * @return {@code <root>/ports.properties}
     */
    public Path portsFile() {
        return root.resolve("ports.properties");
    }

    /**
     * Returns the one-time bootstrap tokens the gateway writes at first start.
     *
     * @return {@code <root>/gateway/users/bootstrap-tokens.properties}
     */
    public Path bootstrapTokens() {
        return gateway().resolve("users").resolve("bootstrap-tokens.properties");
    }

    /**
     * Returns the gateway's device-port certificate, which devices pin.
     *
     * @return {@code <root>/gateway/ingress/server-cert.pem}
     */
    public Path ingressCertificate() {
        return gateway().resolve("ingress").resolve("server-cert.pem");
    }

    /**
     * Deletes what a stack keeps here (the entries listed in the type description) and nothing else, so a mistyped
     * {@code --data-dir} cannot wipe unrelated files.
     *
     * @return the entries deleted
     * @throws UncheckedIOException when an entry cannot be deleted
     */
    public List<String> reset() {
        List<String> deleted = new java.util.ArrayList<>();
        for (String name : OWNED) {
            Path entry = root.resolve(name);
            if (Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(entry);
                deleted.add(name);
            }
        }
        return deleted;
    }

    /**
     * Tells whether the directory holds anything besides a stack's own entries.
     *
     * @return the names of foreign entries
     */
    public List<String> foreignEntries() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !OWNED.contains(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path entry) {
        try {
            deleteTree(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + entry, e);
        }
    }

    /**
     * Deletes a file or a directory with everything in it, without following symbolic links.
     *
     * @param root the file or directory
     * @throws IOException when an entry cannot be listed or deleted
     */
    public static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
