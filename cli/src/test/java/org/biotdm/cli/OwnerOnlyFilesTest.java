package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    @Test
    void creates_every_missing_directory_owner_only_whatever_the_umask() throws IOException {
        Path deep = dir.resolve("data").resolve("logs").resolve("more");

        OwnerOnlyFiles.createDirectories(deep);

        assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data").resolve("logs"))).isEqualTo("rwx------");
        assertThat(mode(deep)).isEqualTo("rwx------");
    }

    @Test
    void writes_files_owner_only_and_replaces_their_content() throws IOException {
        Path file = dir.resolve("gateway").resolve("credentials.properties");

        OwnerOnlyFiles.writeString(file, "a=1\n");
        OwnerOnlyFiles.writeString(file, "a=2\n");

        assertThat(Files.readString(file)).isEqualTo("a=2\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(file.resolveSibling("credentials.properties.tmp")).doesNotExist();
    }

    @Test
    void creates_a_log_owner_only_and_keeps_an_existing_one() throws IOException {
        Path log = dir.resolve("logs").resolve("gateway.log");

        OwnerOnlyFiles.createFile(log);
        Files.writeString(log, "first line\n");
        OwnerOnlyFiles.createFile(log);

        assertThat(mode(log)).isEqualTo("rw-------");
        assertThat(Files.readString(log)).isEqualTo("first line\n");
    }

    @Test
    void copies_a_key_owner_only_once() throws IOException {
        Path key = dir.resolve("key-encryption.key");
        Files.writeString(key, "secret");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path copy = dir.resolve("instance-2").resolve("users").resolve("key-encryption.key");
        OwnerOnlyFiles.createDirectories(copy.getParent());

        OwnerOnlyFiles.copyIfAbsent(key, copy);
        Files.writeString(key, "rotated");
        OwnerOnlyFiles.copyIfAbsent(key, copy);

        assertThat(Files.readString(copy)).isEqualTo("secret");
        assertThat(mode(copy)).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
