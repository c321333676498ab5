package org.biotdm.devnet.fabricca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.DevCaEnrollmentService;
import org.biotdm.devnet.ca.EnrollmentHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Fabric CA Node.js client ({@code fabric-ca-client} 2.2.20 from npm, installed by the build's {@code
 * fabric-ca-client-npm-ci} step into {@code src/test/fabric-ca-client}) runs its cases against the dev network's
 * Fabric CA endpoints, on the second organisation's CA so that the CA name is honoured: cainfo, register with
 * attributes, enroll with and without {@code attr_reqs}, reenroll, revoke with its CRL, and the refusals.
 */
class FabricCaNodeClientTest {
    private static final Path CLIENT_DIR = Path.of("src/test/fabric-ca-client");

    @TempDir
    Path dir;

    @Test
    void the_official_node_client_passes_every_case_against_the_devnet_ca() throws Exception {
        assertThat(CLIENT_DIR.resolve("node_modules/fabric-ca-client"))
                .as("npm ci in %s (the build's fabric-ca-client-npm-ci step) installs the client", CLIENT_DIR)
                .isDirectory();
        CryptoMaterial material = CryptoMaterial.generateOrLoad(dir.resolve("organizations"), 2);
        try (EnrollmentHttpServer server = new EnrollmentHttpServer(
                new DevCaEnrollmentService(material), material, dir.resolve("registrars"), "127.0.0.1", 0)) {
            server.serve(FabricCaApi.PREFIX, FabricCaApi.forDevnet(material, server.secrets())::handle);
            server.start();
            ProcessBuilder node = new ProcessBuilder("node", "--test", "outside-client.test.js")
                    .directory(CLIENT_DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("node.log").toFile());
            node.environment()
                    .putAll(Map.of(
                            "FABRIC_CA_URL",
                            "http://127.0.0.1:" + server.port(),
                            "FABRIC_CA_NAME",
                            "ca-org2",
                            "FABRIC_CA_MSP_ID",
                            "Org2MSP",
                            "REGISTRAR_SECRET",
                            server.secrets().secret("Org2MSP").orElseThrow()));
            Process process = node.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("node finished")
                    .isTrue();
            String log = Files.readString(dir.resolve("node.log"), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(log).isZero();
            assertThat(log).contains("# pass 15", "# fail 0");
        }
    }
}
