/*
 * The posix device's end-to-end test against the real stack (see README.md, "End-to-end test"). Run by e2e.sh as
 *   java -cp cli/target/biotdm.jar DeviceE2e.java <repo root> <biotdm_device binary> <work dir>
 * It starts `biotdm up` on free ports in a temporary data directory, registers a device with a claim token through
 * the admin API (the cli's DeviceRegistrar, as `biotdm demo` does), and runs the C device: it provisions with its own
 * CSR, sends signed batches of real readings, is killed with SIGKILL between two batches and restarted (its next
 * batches are accepted: no sequence number is reused), then completes a command an operator issued with a signed
 * receipt, which the chaincode accepts (state SUCCEEDED through the API). Last, two firmware campaigns: the device
 * refuses an image changed on the way (FIRMWARE_IMAGE_HASH_MISMATCH) and keeps its firmware, then downloads a signed
 * image in Range chunks, is reset after the first and resumes from its stored prefix, installs it and sends its
 * signed installation receipt, which the chaincode records (UPDATED).
 * Prints PASSED, or FAIL and exits 1.
 */
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.device.sdk.DeviceKeys;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.SigningKey;
import org.biotdm.protocol.signature.EcdsaP256;

public final class DeviceE2e {
    private static final String GROUP = "esp8266-e2e";
    private static final String COMMAND_TYPE = "set-sampling-interval";
    private static final String FIRMWARE_UPDATE = "firmware-update";
    private static final String DEVICE_TYPE = "wsn-mote";
    private static final int IMAGE_BYTES = 10_000; // three Range chunks of at most 4096 bytes
    private static final String CSV = "../shared/data/suthaharan_wsn/single_hop/data.csv";
    private static final Pattern ANSWER = Pattern.compile("^COMMAND (\\S+) answer=(\\d+) bytes$");
    private static final Pattern ACK = Pattern.compile("^(?:ACK|RESENT) seq=(\\d+) ");

    private static final long STARTED = System.nanoTime();

    private final Path root;
    private final Path device;
    private final Path work;
    private Process stack;
    private Properties stackProperties;

    private DeviceE2e(Path root, Path device, Path work) {
        this.root = root;
        this.device = device;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory(Path.of(args[2]), "e2e-");
        DeviceE2e test = new DeviceE2e(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(), work);
        boolean passed = false;
        try {
            test.run();
            passed = true;
            System.out.println("PASSED the posix device end to end");
        } catch (AssertionError | Exception e) {
            System.out.println("FAIL " + e.getMessage());
            System.out.println("(kept for its logs: " + work + ")");
        } finally {
            test.stopStack();
        }
        if (passed) {
            deleteTree(work);
        }
        System.exit(passed ? 0 : 1);
    }

    private void run() throws Exception {
        startStack();
        ApiClient api = new ApiClient(URI.create(stackProperties.getProperty("api.url")));
        Path credentialsFile = work.resolve("stack/credentials.properties");
        Credentials credentials = Credentials.load(credentialsFile);
        String mspId = mspOfFirstAdmin(credentialsFile);
        String deviceId = "esp-" + HexFormat.of().toHexDigits((int) System.nanoTime());
        String token = DeviceRegistrar.asAdmin(api, credentials, mspId, id -> DEVICE_TYPE, GROUP).claimToken(deviceId);
        Path tokenFile = work.resolve("claim-token");
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, token);
        step("registered " + deviceId + " in " + mspId + " with a claim token");

        long lastBeforeKill = provisionSendAndKill(deviceId, tokenFile);
        sendAfterRestart(deviceId, lastBeforeKill);
        completeCommand(api, credentials, mspId, deviceId);
        applyConfiguration(api, credentials, mspId, deviceId);
        updateFirmware(api, credentials, mspId, deviceId);
    }

    /** Run 1: provisions, acknowledges one batch, and is killed (SIGKILL) in the pause before the next. */
    private long provisionSendAndKill(String deviceId, Path tokenFile) throws Exception {
        Process p = device(deviceId, "--claim-token-file", tokenFile.toString(), "--csv", CSV, "--from", "1",
                "--batches", "4", "--rows", "8", "--pause-ms", "20000");
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = reader(p)) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("ACK ")) {
                    break;
                }
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        check(!lines.isEmpty() && lines.get(0).startsWith("PROVISIONED " + deviceId), "provisioned: " + lines);
        List<Long> acked = seqs(lines);
        check(acked.size() == 1, "one batch acknowledged before the kill: " + lines);
        step("provisioned with the core's CSR, batch seq=" + acked.get(0) + " acknowledged, then killed (SIGKILL)");
        return acked.get(0);
    }

    /** Run 2: a restarted device's new batches (other rows) are accepted, so their sequence numbers are new. */
    private void sendAfterRestart(String deviceId, long lastBeforeKill) throws Exception {
        List<String> lines = runDevice(deviceId, "--csv", CSV, "--from", "200", "--batches", "3", "--rows", "8");
        List<Long> acked = seqs(lines);
        check(acked.size() == 3 && lines.stream().noneMatch(l -> l.startsWith("PROVISIONED")),
                "three batches acknowledged after the restart, no new provisioning: " + lines);
        check(acked.stream().allMatch(s -> s > lastBeforeKill) && acked.stream().distinct().count() == 3,
                "sequence numbers after the restart above " + lastBeforeKill + ": " + acked);
        step("restarted: batches seq=" + acked + " accepted (new content, so no reused sequence number)");
    }

    /** An operator issues a command; the device completes it with a receipt the chaincode accepts. */
    private void completeCommand(ApiClient api, Credentials credentials, String mspId, String deviceId)
            throws Exception {
        Credentials.Login operator = credentials.find(mspId, "operator").orElseThrow();
        String adminToken = api.login(credentials.find(mspId, "admin").orElseThrow());
        api.grant(adminToken, operator.username(), GROUP, List.of(COMMAND_TYPE, FIRMWARE_UPDATE),
                System.currentTimeMillis() + Duration.ofDays(1).toMillis());
        String operatorToken = api.login(operator);
        String commandId = "cmd-" + deviceId;
        // Parameters of over 2 KB (real rows as a reference table), so the device's poll answer spans TLS records
        // that fit the device's 2 KB buffers only when the device port honours the 2048-byte fragment length.
        String reference = String.join(";", Files.readAllLines(root.resolve(CSV)).subList(1, 120));
        api.issueCommand(operatorToken, commandId, deviceId, COMMAND_TYPE,
                Map.of("intervalMs", 10_000, "reference", reference), 600);
        List<String> lines = runDevice(deviceId, "--poll", "20");
        long answerBytes = lines.stream()
                .map(ANSWER::matcher)
                .filter(m -> m.matches() && m.group(1).equals(commandId))
                .mapToLong(m -> Long.parseLong(m.group(2)))
                .findFirst()
                .orElse(0);
        check(answerBytes > 2048, "the command poll's answer is over 2048 bytes: " + lines);
        String receipt = "RECEIPT " + commandId + " " + COMMAND_TYPE + " SUCCEEDED status=200";
        check(lines.stream().anyMatch(l -> l.startsWith(receipt)),
                "the device completed " + commandId + ": " + lines);
        String state = "";
        for (int i = 0; i < 60 && !"SUCCEEDED".equals(state); i++) {
            JsonNode command = api.get("/api/v1/commands/" + commandId, Map.of(), operatorToken);
            state = command.path("state").asText(command.path("status").asText());
            Thread.sleep(500);
        }
        check("SUCCEEDED".equals(state), "command state SUCCEEDED through the API, was " + state);
        step("command " + commandId + " (poll answer of " + answerBytes + " bytes through 2 KB TLS records) completed"
                + " with the device's signed receipt: SUCCEEDED");
    }

    /**
     * The admin sets a desired configuration (members unsorted, a decimal); the device checks its canonical hash,
     * applies it and reports it with a signed receipt, so the API shows no drift.
     */
    private void applyConfiguration(ApiClient api, Credentials credentials, String mspId, String deviceId)
            throws Exception {
        String admin = api.login(credentials.find(mspId, "admin").orElseThrow());
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("samplingIntervalMs", 5000);
        desired.put("thresholds", Map.of("humidity", Map.of("max", 60.5), "temperature", Map.of("max", 30)));
        desired.put("label", "Suthaharan single-hop mote");
        String path = "/api/v1/devices/" + deviceId + "/configuration";
        api.put(path + "/desired", Map.of("configuration", desired), admin);
        List<String> lines = runDevice(deviceId, "--poll", "20");
        String posted = "POSTED /device/v1/commands/\\S+/receipt status=200.*";
        check(lines.stream().anyMatch(l -> l.startsWith("CONFIGURATION ") && l.contains(" APPLIED "))
                        && lines.stream().anyMatch(l -> l.matches(posted)),
                "the configuration applied and reported: " + lines);
        JsonNode state = api.get(path, Map.of(), admin);
        for (int i = 0; i < 60 && state.path("drift").asBoolean(true); i++) {
            Thread.sleep(500);
            state = api.get(path, Map.of(), admin);
        }
        check(!state.path("drift").asBoolean(true) && state.path("reportedSha256").asText().equals(
                        state.path("desiredSha256").asText()), "reported equals desired, no drift: " + state);
        step("configuration " + state.path("desiredSha256").asText() + " applied by the device (canonical JSON in C)"
                + " and reported with its signed receipt: no drift");
    }

    /**
     * Two campaigns of firmware the manufacturer signed: the first image is changed on the way (the device flips a
     * bit as it arrives) and refused, the installed firmware kept; the second is installed and its receipt recorded.
     */
    private void updateFirmware(ApiClient api, Credentials credentials, String mspId, String deviceId)
            throws Exception {
        DeviceKeys signing = DeviceKeys.generate();
        String admin = api.login(credentials.find(mspId, "admin").orElseThrow());
        String operator = api.login(credentials.find(mspId, "operator").orElseThrow());
        api.post("/api/v1/firmware/signing-keys", Map.of("publicKeyPem", signing.publicKeyPem()), admin);
        String keyHex = HexFormat.of()
                .formatHex(SigningKey.fromPem(mspId, signing.publicKeyPem()).key().getQ().getEncoded(false));
        String model = mspId + "/" + DEVICE_TYPE;
        byte[] csv = Files.readAllBytes(root.resolve(CSV));
        List<String> firmware = List.of("--poll", "20", "--model", model, "--firmware-key", keyHex);

        byte[] tampered = Arrays.copyOfRange(csv, 0, IMAGE_BYTES);
        String refused = campaign(api, admin, operator, signing, model, deviceId, 1, tampered);
        List<String> lines = runDevice(deviceId, concat(firmware, "--tamper-image"));
        check(lines.contains("FIRMWARE " + refused + " REFUSED FIRMWARE_IMAGE_HASH_MISMATCH")
                        && lines.stream().anyMatch(l -> l.matches("RECEIPT \\S+ firmware-update FAILED status=200.*"))
                        && Files.notExists(work.resolve("device/firmware.bin")),
                "the changed image refused, nothing installed, the command FAILED: " + lines);
        JsonNode row = campaignDevice(api, operator, refused, "FAILED");
        check("FIRMWARE_IMAGE_HASH_MISMATCH".equals(row.path("reason").asText()), "reason of FAILED: " + row);
        step("firmware " + refused + ": an image changed on the way refused with FIRMWARE_IMAGE_HASH_MISMATCH");

        byte[] image = Arrays.copyOfRange(csv, IMAGE_BYTES, 2 * IMAGE_BYTES);
        String updated = campaign(api, admin, operator, signing, model, deviceId, 2, image);
        lines = runDevice(deviceId, 3, concat(firmware, "--reset-after-bytes=4096")); // exits 3 as a reset would
        check(lines.contains("FIRMWARE " + updated + " reset at 4096 bytes")
                        && Files.notExists(work.resolve("device/firmware.bin")),
                "the device reset in the middle of the download: " + lines);
        campaignDevice(api, operator, updated, "DOWNLOADING");
        lines = runDevice(deviceId, firmware.toArray(String[]::new));
        check(lines.contains("FIRMWARE " + updated + " resumed at 4096 bytes")
                        && lines.contains("FIRMWARE_RECEIPT " + updated)
                        && lines.stream().anyMatch(l -> l.startsWith("POSTED /device/v1/firmware/receipt status=200"))
                        && Arrays.equals(Files.readAllBytes(work.resolve("device/firmware.bin")), image),
                "the image installed byte for byte and its receipt accepted: " + lines);
        row = campaignDevice(api, operator, updated, "UPDATED");
        check(!row.path("updateTxId").asText().isEmpty(), "RecordFirmwareUpdate's transaction: " + row);
        step("firmware " + updated + ": " + IMAGE_BYTES + " bytes in Range chunks, the device reset after 4096 and"
                + " resumed from its stored prefix, verified, installed, receipt on the ledger (tx "
                + row.path("updateTxId").asText() + ")");
    }

    /** Publishes version {@code 1.0.<n>} (sequence n) of the image and starts a campaign for the device. */
    private String campaign(ApiClient api, String admin, String operator, DeviceKeys signing, String model,
            String deviceId, int n, byte[] image) throws Exception {
        FirmwareManifest unsigned = new FirmwareManifest(model, "1.0." + n, n, image.length,
                HexFormat.of().formatHex(EcdsaP256.sha256(image)), SigningKey.keyId(signing.publicKeyPem()), null);
        FirmwareManifest manifest =
                unsigned.withSignature(Base64.getEncoder().encodeToString(signing.sign(unsigned.bytes())));
        HttpRequest upload = HttpRequest.newBuilder(api.base()
                        .resolve("/api/v1/firmware?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream")
                .header("Firmware-Manifest", Base64.getEncoder()
                        .encodeToString(new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsBytes(manifest.toFields())))
                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                .build();
        HttpResponse<String> published =
                HttpClient.newHttpClient().send(upload, HttpResponse.BodyHandlers.ofString());
        check(published.statusCode() == 201, "firmware published: " + published.body());
        String campaignId = "esp-fw-" + n + "-" + deviceId;
        api.post("/api/v1/firmware/campaigns", Map.of("campaignId", campaignId, "model", model, "version",
                manifest.version(), "target", "DEVICES", "deviceIds", List.of(deviceId), "ratePerMinute", 600,
                "firstStagePercent", 100, "abortThresholdPercent", 100, "abortMinDevices", 1), operator);
        campaignDevice(api, operator, campaignId, "NOTIFIED"); // the firmware-update command is issued
        return campaignId;
    }

    /** Waits (up to 30 s) until the campaign's one device is in state; returns its row. */
    private static JsonNode campaignDevice(ApiClient api, String operator, String campaignId, String state)
            throws Exception {
        JsonNode row = null;
        for (int i = 0; i < 60 && (row == null || !state.equals(row.path("state").asText())); i++) {
            row = api.get("/api/v1/firmware/campaigns/" + campaignId + "/devices", Map.of(), operator).path(0);
            Thread.sleep(i == 0 ? 0 : 500);
        }
        check(row != null && state.equals(row.path("state").asText()), campaignId + " device " + state + ": " + row);
        return row;
    }

    private static String[] concat(List<String> options, String more) {
        List<String> all = new ArrayList<>(options);
        all.add(more);
        return all.toArray(String[]::new);
    }

    private Process device(String deviceId, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(device.toString(), work.resolve("device").toString(),
                stackProperties.getProperty("device.server-cert"), deviceUri().getHost(),
                Integer.toString(deviceUri().getPort()), deviceId));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private List<String> runDevice(String deviceId, String... options) throws Exception {
        return runDevice(deviceId, 0, options);
    }

    private List<String> runDevice(String deviceId, int exit, String... options) throws Exception {
        Process p = device(deviceId, options);
        List<String> lines;
        try (BufferedReader out = reader(p)) {
            lines = out.lines().toList();
        }
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == exit, "the device exited with " + exit + ": "
                + lines);
        check(lines.stream().noneMatch(l -> l.startsWith("REFUSED")), "no batch refused: " + lines);
        return lines;
    }

    private URI deviceUri() {
        return URI.create(stackProperties.getProperty("device.url"));
    }

    /** Starts `biotdm up` on free ports and waits for its READY line (and stack.properties). */
    private void startStack() throws Exception {
        Path dataDir = work.resolve("stack");
        stack = new ProcessBuilder("java", "-Dbiotdm.home=" + root, "-jar", root.resolve("cli/target/biotdm.jar")
                        .toString(), "up", "--data-dir", dataDir.toString(), "--api-port", "0", "--device-port", "0",
                        "--devnet-port", "0")
                .directory(root.toFile())
                .redirectError(work.resolve("up.log").toFile())
                .start();
        try (BufferedReader out = reader(stack)) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // the start's progress goes to up.log
            }
            check(line != null, "`biotdm up` printed READY (see " + work.resolve("up.log") + ")");
        }
        stackProperties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("stack.properties"))) {
            stackProperties.load(in);
        }
        step("stack up: " + stackProperties.getProperty("api.url") + ", device port " + deviceUri());
    }

    private void stopStack() throws InterruptedException {
        if (stack != null && stack.isAlive()) {
            stack.destroy(); // SIGTERM: its shutdown hook stops the gateway and the network
            if (!stack.waitFor(60, TimeUnit.SECONDS)) {
                stack.destroyForcibly().waitFor();
            }
        }
    }

    private static String mspOfFirstAdmin(Path credentialsFile) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(credentialsFile)) {
            p.load(in);
        }
        return p.stringPropertyNames().stream()
                .filter(k -> k.endsWith(".admin.username"))
                .sorted()
                .map(k -> k.substring(0, k.length() - ".admin.username".length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no admin in " + credentialsFile));
    }

    private static List<Long> seqs(List<String> lines) {
        List<Long> seqs = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ACK.matcher(line);
            if (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
        }
        return seqs;
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void step(String what) {
        System.out.println("ok - " + what + " (" + (System.nanoTime() - STARTED) / 1_000_000_000 + " s)");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
