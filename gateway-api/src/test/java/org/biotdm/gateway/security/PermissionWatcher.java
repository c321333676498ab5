package org.biotdm.gateway.security;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records every file and directory that appears under a directory tree, with every permission mode it was seen with,
 * for as long as it runs. It follows the tree with inotify (a {@link WatchService} on every directory, registered as
 * soon as the directory appears; {@code ENTRY_MODIFY} includes attribute changes such as {@code chmod}) and, as a
 * safety net for events lost to overflow, walks the whole tree every {@value #RESCAN_MILLIS} ms.
 *
 * <p>A mode that lasts only between a file's creation and the watcher's {@code stat} (microseconds) can escape it;
 * such windows are closed by creating files with their final mode ({@code SecretFilesTest} checks that per call).
 * Symbolic links are not recorded (their own mode means nothing on Linux).
 */
final class PermissionWatcher implements AutoCloseable {
    private static final long RESCAN_MILLIS = 200;

    private final Path root;
    private final WatchService watcher;
    private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
    private final Set<Path> watched = ConcurrentHashMap.newKeySet();
    private final Map<Path, Set<String>> modes = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private PermissionWatcher(Path root) throws IOException {
        this.root = root;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "permission-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching a directory tree (the tree's existing entries are recorded first).
     *
     * @param root the directory to watch, which must exist
     * @return the running watcher
     * @throws IOException when the directory cannot be watched
     */
    static PermissionWatcher start(Path root) throws IOException {
        PermissionWatcher watcher = new PermissionWatcher(root);
        watcher.walk(root);
        watcher.thread.start();
        return watcher;
    }

    /**
     * Returns every entry seen so far, relative to the root, with every mode it had ({@code rwx------} form).
     *
     * @return a sorted copy
     */
    Map<String, Set<String>> seen() {
        Map<String, Set<String>> copy = new TreeMap<>();
        modes.forEach((path, seen) -> copy.put(root.relativize(path).toString(), new TreeSet<>(seen)));
        return copy;
    }

    /** Records the tree once more, then stops watching. */
    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        walk(root);
        watcher.close();
    }

    private void run() {
        long nextRescan = System.currentTimeMillis() + RESCAN_MILLIS;
        try {
            while (running) {
                WatchKey key = watcher.poll(5, TimeUnit.MILLISECONDS);
                if (key != null) {
                    handle(key);
                }
                if (System.currentTimeMillis() >= nextRescan) {
                    walk(root);
                    nextRescan = System.currentTimeMillis() + RESCAN_MILLIS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed while stopping
        }
    }

    private void handle(WatchKey key) {
        Path directory = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                walk(root);
            } else if (directory != null) {
                Path entry = directory.resolve((Path) event.context());
                if (record(entry) && event.kind() == ENTRY_CREATE) {
                    walk(entry);
                }
            }
        }
        if (!key.reset()) {
            directories.remove(key);
        }
    }

    /** Records an entry's mode; true when it is a directory (which is then watched too). */
    private boolean record(Path entry) {
        try {
            PosixFileAttributes attributes =
                    Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return false;
            }
            modes.computeIfAbsent(entry, k -> ConcurrentHashMap.newKeySet())
                    .add(PosixFilePermissions.toString(attributes.permissions()));
            if (attributes.isDirectory() && watched.add(entry)) {
                directories.put(entry.register(watcher, ENTRY_CREATE, ENTRY_MODIFY), entry);
            }
            return attributes.isDirectory();
        } catch (IOException e) {
            // gone again before it could be read (a temporary file): nothing to record
            return false;
        }
    }

    private void walk(Path start) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    record(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    record(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
