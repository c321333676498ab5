package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaincodeLauncherTest {

    @TempDir
    Path dir;

    @Test
    void package_id_is_label_and_sha256_of_the_package() throws Exception {
        Path jar = Files.write(dir.resolve("cc.jar"), "abc".getBytes(StandardCharsets.UTF_8));

        assertThat(ChaincodeLauncher.packageId("assetcc", jar))
                .isEqualTo("assetcc:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void package_id_of_a_missing_jar_fails() {
        assertThatThrownBy(() -> ChaincodeLauncher.packageId("cc", dir.resolve("missing.jar")))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void command_runs_the_jar_in_client_mode_with_this_jvm() {
        Path jar = dir.resolve("cc.jar");
        ChaincodeLauncher launcher = new ChaincodeLauncher(
                        jar, "cc:01", "127.0.0.1:7052", "Org1MSP", dir.resolve("cc.log"))
                .jvmOptions(List.of("-Xmx64m"));

        List<String> command = launcher.command();

        assertThat(Path.of(command.get(0)).getFileName().toString()).startsWith("java");
        assertThat(command.subList(1, command.size()))
                .containsExactly(
                        "-Xmx64m", "-jar", jar.toAbsolutePath().toString(), "-a", "127.0.0.1:7052", "-i", "cc:01");
    }

    @Test
    void closed_launcher_cannot_start() {
        ChaincodeLauncher launcher =
                new ChaincodeLauncher(dir.resolve("cc.jar"), "cc:01", "127.0.0.1:7052", "Org1MSP", dir.resolve("l"));

        launcher.close();

        assertThatThrownBy(launcher::start).isInstanceOf(IllegalStateException.class);
        assertThat(launcher.pid()).isEmpty();
    }
}
