package org.biotdm.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void writes_the_content_owner_only_and_replaces_an_existing_file() throws IOException {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SecretFiles.write(file, "secret\n");

        assertThat(Files.readString(file)).isEqualTo("secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void creates_missing_parent_directories_owner_only() throws IOException {
        Path file = dir.resolve("users/keys/jwt.pem");

        SecretFiles.write(file, new byte[] {1, 2, 3});

        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users/keys"))))
                .isEqualTo("rwx------");
    }

    @Test
    void no_file_it_creates_is_ever_readable_by_others() throws Exception {
        // Every entry the writer creates in the directory (temporary file included) is checked the moment the
        // watcher sees it, over many writes; a create-then-chmod writer leaves the default mode visible in between.
        List<String> seen = new ArrayList<>();
        try (WatchService watcher = dir.getFileSystem().newWatchService()) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        SecretFiles.write(dir.resolve("token-" + (i % 3)), ("t" + i).getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            writer.start();
            while (writer.isAlive() || seen.isEmpty()) {
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name) {
                        modeOf(dir.resolve(name), seen);
                    }
                }
                key.reset();
            }
            writer.join();
        }
        assertThat(seen).isNotEmpty().allSatisfy(mode -> assertThat(mode).endsWith("------"));
    }

    private static void modeOf(Path file, List<String> seen) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            seen.add(file.getFileName() + " " + PosixFilePermissions.toString(mode));
        } catch (IOException gone) {
            // a temporary file already renamed: its mode was seen at the target
        }
    }
}
