package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages written with the system's {@code tar}, laid out as {@code peer lifecycle chaincode package} lays them. */
class CcaasPackageTest {
    @TempDir
    Path dir;

    private Path pack(String metadata, String connection) throws Exception {
        Path code = Files.createDirectories(dir.resolve("code"));
        Path outer = Files.createDirectories(dir.resolve("outer"));
        Files.writeString(code.resolve("connection.json"), connection);
        tar(code, outer.resolve("code.tar.gz"), "connection.json");
        Files.writeString(outer.resolve("metadata.json"), metadata);
        Path file = dir.resolve("biotdm.tar.gz");
        tar(outer, file, "metadata.json", "code.tar.gz");
        return file;
    }

    private static void tar(Path from, Path to, String... names) throws Exception {
        String[] command = new String[4 + names.length];
        command[0] = "tar";
        command[1] = "-czf";
        command[2] = to.toString();
        command[3] = "-C" + from;
        System.arraycopy(names, 0, command, 4, names.length);
        Process tar = new ProcessBuilder(command).inheritIO().start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
    }

    @Test
    void reads_label_connection_and_the_package_id_of_the_file() throws Exception {
        Path file = pack("{\"type\":\"ccaas\",\"label\":\"biotdm\"}", "{\"address\":\"biotdm.{{.peername}}:9999\"}");

        CcaasPackage ccaas = CcaasPackage.read(file);

        assertThat(ccaas.label()).isEqualTo("biotdm");
        assertThat(ccaas.packageId()).isEqualTo(ChaincodeLauncher.packageId("biotdm", file));
        assertThat(ccaas.connection().get("address").getAsString()).isEqualTo("biotdm.{{.peername}}:9999");
    }

    @Test
    void refuses_another_package_type_with_the_builders_text() throws Exception {
        Path file = pack("{\"type\":\"java\",\"label\":\"biotdm\"}", "{}");

        assertThatThrownBy(() -> CcaasPackage.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chaincode type should be ccaas, it is java");
    }

    @Test
    void refuses_a_package_without_connection_json() throws Exception {
        Path code = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(code.resolve("other.json"), "{}");
        Path outer = Files.createDirectories(dir.resolve("outer"));
        tar(code, outer.resolve("code.tar.gz"), "other.json");
        Files.writeString(outer.resolve("metadata.json"), "{\"type\":\"ccaas\",\"label\":\"biotdm\"}");
        Path file = dir.resolve("nocc.tar.gz");
        tar(outer, file, "metadata.json", "code.tar.gz");

        assertThatThrownBy(() -> CcaasPackage.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("connection.json not found in chaincode package");
    }

    @Test
    void refuses_a_file_that_is_not_gzip() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.tar.gz"), "not an archive");

        assertThatThrownBy(() -> CcaasPackage.read(file)).isInstanceOf(IOException.class);
    }

    @Test
    void tells_packages_from_jars_by_name() {
        assertThat(CcaasPackage.isPackageFile(Path.of("x/biotdm.tar.gz"))).isTrue();
        assertThat(CcaasPackage.isPackageFile(Path.of("x/biotdm.tgz"))).isTrue();
        assertThat(CcaasPackage.isPackageFile(Path.of("x/chaincode.jar"))).isFalse();
    }
}
