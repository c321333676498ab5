package org.biotdm.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.CliJar;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.KeyValues;
import org.biotdm.cli.devices.ImportOnStack;
import org.biotdm.cli.verify.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code biotdm.jar up} as a user would (a separate JVM, the real dev network and gateway jars) in a temporary
 * data directory on free ports, signs in with the credentials it wrote, imports a fleet from CSV ({@link ImportOnStack}),
 * verifies, and stops it with SIGTERM; then restarts it, where the same import changes nothing.
 */
class UpIT {
    @TempDir
    Path dataDir;

    private ImportOnStack importer;

    @Test
    void up_prints_ready_writes_working_credentials_stops_without_leaving_processes_and_restarts() throws Exception {
        importer = new ImportOnStack(dataDir);
        int apiPort = CliJar.freePort();
        int devicePort = CliJar.freePort();
        Process up = CliJar.start(
                "up",
                "--data-dir",
                dataDir.toString(),
                "--api-port",
                Integer.toString(apiPort),
                "--device-port",
                Integer.toString(devicePort),
                "--devnet-port",
                "0");
        List<ProcessHandle> family = new ArrayList<>();
        try {
            String ready = CliJar.awaitReady(up);
            Map<String, String> fields = KeyValues.parse("READY", ready);
            assertThat(fields)
                    .containsEntry("api", "http://127.0.0.1:" + apiPort)
                    .containsEntry("device", "https://127.0.0.1:" + devicePort)
                    .containsEntry("swagger", "http://127.0.0.1:" + apiPort + "/swagger-ui")
                    .containsEntry("dashboard", "http://127.0.0.1:" + apiPort + "/");
            family.addAll(up.descendants().toList());
            assertThat(family).hasSizeGreaterThanOrEqualTo(2);

            Path credentialsFile = dataDir.resolve("credentials.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentialsFile)))
                    .isEqualTo("rw-------");
            Credentials credentials = Credentials.load(credentialsFile);
            ApiClient api = new ApiClient(URI.create(fields.get("api")));
            for (String msp : List.of("Org1MSP", "Org2MSP", "Org3MSP")) {
                assertThat(api.login(credentials.find(msp, "admin").orElseThrow()))
                        .isNotBlank();
            }
            assertThat(api.login(credentials.find("Org1MSP", "operator").orElseThrow()))
                    .isNotBlank();
            assertThat(api.login(credentials.find("Org1MSP", "auditor").orElseThrow()))
                    .isNotBlank();

            importer.first_import_registers_the_motes_and_reports_each_bad_row(URI.create(fields.get("api")));

            Process verify = CliJar.start("verify", "--data-dir", dataDir.toString(), "--from", "10m");
            String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verify.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(verify.exitValue()).as(output).isZero();
            String last = output.lines().reduce((a, b) -> b).orElse("");
            VerifyReport.Summary summary = VerifyReport.Summary.parse(last);
            assertThat(summary.mismatched()).isZero();
        } finally {
            family.addAll(up.descendants().toList());
            up.destroy();
            assertThat(up.waitFor(3, TimeUnit.MINUTES))
                    .as("biotdm up stops on SIGTERM")
                    .isTrue();
        }
        assertThat(family.stream().filter(ProcessHandle::isAlive).toList())
                .as("no process of the stack outlives it")
                .isEmpty();
        assertThat(dataDir.resolve("stack.properties")).doesNotExist();

        restart_reuses_the_data_and_the_people(apiPort, devicePort);
    }

    private void restart_reuses_the_data_and_the_people(int apiPort, int devicePort) throws Exception {
        String before = Files.readString(dataDir.resolve("credentials.properties"));
        Process up = CliJar.start(
                "up",
                "--data-dir",
                dataDir.toString(),
                "--api-port",
                Integer.toString(apiPort),
                "--device-port",
                Integer.toString(devicePort),
                "--devnet-port",
                "0");
        try {
            Map<String, String> ready = KeyValues.parse("READY", CliJar.awaitReady(up));
            ApiClient api = new ApiClient(URI.create(ready.get("api")));
            Credentials credentials = Credentials.load(dataDir.resolve("credentials.properties"));
            assertThat(api.login(credentials.find("Org2MSP", "admin").orElseThrow()))
                    .isNotBlank();
            assertThat(api.login(credentials.find("Org1MSP", "auditor").orElseThrow()))
                    .isNotBlank();
            assertThat(Files.readString(dataDir.resolve("credentials.properties")))
                    .as("nobody is created twice")
                    .isEqualTo(before);
            importer.re_import_changes_nothing_and_the_file_tokens_provision(URI.create(ready.get("device")));
        } finally {
            up.destroy();
            assertThat(up.waitFor(3, TimeUnit.MINUTES)).isTrue();
        }
    }
}
