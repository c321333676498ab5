package org.biotdm.cli.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.CliJar;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.KeyValues;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.StackInfo;
import org.biotdm.device.sdk.DeviceClient;

/**
 * {@code devices import} on a real stack that {@code UpIT} started (so the import costs no stack of its own): the 54
 * motes of the Intel Berkeley lab, with their positions from {@code mote_locs.txt} as metadata, plus a row with a
 * malformed ID, a repeated ID and a device registered before by {@code POST /api/v1/devices}. Then, after the stack
 * restarted, the same import again, and one mote provisioned with the token the factory file holds for it.
 */
public final class ImportOnStack {
    private static final Path MOTES = Path.of("..", "..", "shared", "data", "intel_lab", "mote_locs.txt");
    private static final int MOTE_COUNT = 54;

    private final Path dataDir;
    private final Path csv;

    /**
     * Creates the scenario.
     *
     * @param dataDir the stack's data directory
     */
    public ImportOnStack(Path dataDir) {
        this.dataDir = dataDir;
        this.csv = dataDir.resolve("import").resolve("intel-lab.csv");
    }

    /**
     * Imports the file on a fresh stack: every mote registered, every bad row reported with its line and code.
     *
     * @param api the stack's API
     * @throws Exception when the import or an assertion fails
     */
    public void first_import_registers_the_motes_and_reports_each_bad_row(URI api) throws Exception {
        registerOneByHand(new ApiClient(api), "intel-mote-54");
        writeCsv();

        CliJar.Result run = CliJar.runMerged(
                "devices", "import", "--csv", csv.toString(), "--batch-size", "20", "--data-dir", dataDir.toString());

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(ImportCommand.REFUSED);
        assertThat(summary(run))
                .containsEntry("rows", "56")
                .containsEntry("registered", "53")
                .containsEntry("existing", "0")
                .containsEntry("refused", "3");
        assertThat(run.output())
                .contains("line 55 intel-mote-54 REFUSED DEVICE_EXISTS: ")
                .contains("line 56 mote 55 REFUSED INVALID_ARGUMENT: deviceId must match")
                .contains("line 57 intel-mote-1 REFUSED INVALID_ARGUMENT: deviceId repeats line 2");
        Path tokens = ImportCommand.defaultTokens(csv);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllLines(tokens)).hasSize(1 + MOTE_COUNT);
    }

    /**
     * Imports the same file again after the stack restarted: nothing registered twice, no token reissued, and a
     * mote provisions with its token from the file.
     *
     * @param deviceUrl its device port
     * @throws Exception when the import or an assertion fails
     */
    public void re_import_changes_nothing_and_the_file_tokens_provision(URI deviceUrl) throws Exception {
        Path tokens = ImportCommand.defaultTokens(csv);
        String before = Files.readString(tokens);

        CliJar.Result run =
                CliJar.runMerged("devices", "import", "--csv", csv.toString(), "--data-dir", dataDir.toString());

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(ImportCommand.REFUSED);
        assertThat(summary(run))
                .containsEntry("registered", "0")
                .containsEntry("existing", "53")
                .containsEntry("refused", "3");
        assertThat(Files.readString(tokens)).as("no token reissued").isEqualTo(before);
        assertThat(provision("intel-mote-7", deviceUrl).deviceId()).isEqualTo("intel-mote-7");
    }

    private DeviceClient provision(String deviceId, URI deviceUrl) throws IOException {
        Map<String, String> fileTokens = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ImportCommand.defaultTokens(csv))) {
            String[] cells = line.split(",");
            fileTokens.put(cells[0], cells[1]);
        }
        DeviceFleet fleet = DeviceFleet.open(
                deviceUrl,
                StackInfo.read(new DataDir(dataDir)).orElseThrow().deviceServerCert(),
                Files.createDirectories(dataDir.resolve("import").resolve("devices")),
                fileTokens::get,
                false);
        try (fleet) {
            return fleet.devices().device(deviceId);
        }
    }

    private void registerOneByHand(ApiClient api, String deviceId) throws IOException, InterruptedException {
        Credentials.Login admin = Credentials.load(dataDir.resolve("credentials.properties"))
                .find("Org1MSP", "admin")
                .orElseThrow();
        api.post(
                "/api/v1/devices",
                Map.of(
                        "deviceId",
                        deviceId,
                        "deviceType",
                        "mica2dot",
                        "model",
                        "Org1MSP/mica2dot",
                        "firmwareVersion",
                        "1.0.0",
                        "group",
                        "intel-lab"),
                api.login(admin));
    }

    /** One row per mote of mote_locs.txt ({@code id x y}, metres), then three bad rows. */
    private void writeCsv() throws IOException {
        List<String> lines = new ArrayList<>(List.of("deviceId,deviceType,group,meta.x_m,meta.y_m"));
        for (String mote : Files.readAllLines(MOTES)) {
            String[] cells = mote.strip().split("\\s+");
            lines.add("intel-mote-" + cells[0] + ",mica2dot,intel-lab," + cells[1] + "," + cells[2]);
        }
        assertThat(lines).hasSize(1 + MOTE_COUNT);
        lines.add("mote 55,mica2dot,intel-lab,0,0");
        lines.add("intel-mote-1,mica2dot,intel-lab,0,0");
        Files.createDirectories(csv.getParent());
        Files.write(csv, lines);
    }

    private static Map<String, String> summary(CliJar.Result run) {
        String last = run.output()
                .lines()
                .filter(l -> l.startsWith("IMPORT "))
                .reduce((a, b) -> b)
                .orElse("");
        return KeyValues.parse("IMPORT", last);
    }
}
