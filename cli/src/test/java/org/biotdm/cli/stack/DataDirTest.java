package org.biotdm.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    @TempDir
    Path dir;

    @Test
    void reset_deletes_the_stacks_entries_and_nothing_else() throws Exception {
        Files.createDirectories(dir.resolve("devnet/peers/x"));
        Files.writeString(dir.resolve("devnet/peers/x/block"), "b");
        Files.createDirectories(dir.resolve("gateway/mariadb"));
        Files.writeString(dir.resolve("credentials.properties"), "c");
        Files.writeString(dir.resolve("notes.txt"), "mine");

        DataDir dataDir = new DataDir(dir);
        assertThat(dataDir.foreignEntries()).containsExactly("notes.txt");
        assertThat(dataDir.reset()).containsExactly("devnet", "gateway", "credentials.properties");

        assertThat(dir.resolve("devnet")).doesNotExist();
        assertThat(dir.resolve("gateway")).doesNotExist();
        assertThat(dir.resolve("credentials.properties")).doesNotExist();
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void places_the_parts_under_the_data_directory() {
        DataDir dataDir = new DataDir(dir);
        assertThat(dataDir.devnet()).isEqualTo(dir.resolve("devnet"));
        assertThat(dataDir.bootstrapTokens()).isEqualTo(dir.resolve("gateway/users/bootstrap-tokens.properties"));
        assertThat(dataDir.ingressCertificate()).isEqualTo(dir.resolve("gateway/ingress/server-cert.pem"));
    }
}
