package org.biotdm.device.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.biotdm.device.sdk.DeviceApiException;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceRequest;
import org.biotdm.device.sdk.DeviceResponse;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.DeviceTransport;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.JdkDeviceTransport;
import org.biotdm.device.sdk.RetryPolicy;
import org.biotdm.device.sdk.TelemetryAck;
import org.biotdm.device.sim.CsvReplay;
import org.biotdm.device.sim.DeviceEventLoop;
import org.biotdm.device.sim.FleetReplaySink;
import org.biotdm.device.sim.ReplayCommand;
import org.biotdm.device.sim.ReplayReport;
import org.biotdm.device.sim.SimulatedFleet;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.telemetry.TelemetryOperations;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.protocol.telemetry.Reading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The SDK and the simulator against a real gateway-api (device port with mTLS, embedded MariaDB, the three-org dev
 * network with the real chaincode) started in this JVM: zero-touch provisioning with a claim token, signed batches
 * acknowledged, a restart that continues the sequence and resends what was not acknowledged, and a CSV replay
 * through simulated devices on the shared Netty event loop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceSdkIT {
    private static final Path DATA = Path.of("..", "..", "shared", "data");
    private static final String TOKEN_PREFIX = "claim-token-0123456789-";

    private final DevnetAdmin admin = DevnetAdmin.connect(0);
    private EmbeddedServer gateway;
    private URI devicePort;
    private List<X509Certificate> serverTrust;

    @TempDir
    Path devices;

    @BeforeAll
    void startGateway() throws IOException {
        Path dataDir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "gateway-");
        Map<String, Object> properties = new HashMap<>(TestDevnet.ledgerProperties(0));
        properties.putAll(TestMariaDb.datasourceProperties("devicesim"));
        properties.put("biotdm.data-dir", dataDir.toString());
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("micronaut.server.port", "-1");
        properties.put("biotdm.ingress.port", "0");
        gateway = io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, properties);
        int port = gateway.getApplicationContext()
                .getBean(DeviceIngressServer.class)
                .port();
        devicePort = URI.create("https://localhost:" + port);
        serverTrust = DeviceTls.certificates(
                Files.readString(dataDir.resolve("ingress").resolve("server-cert.pem"), StandardCharsets.US_ASCII));
    }

    @AfterAll
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        admin.close();
    }

    private String register(String prefix) throws Exception {
        String deviceId = prefix + "-" + System.nanoTime();
        admin.registerWithClaimToken(deviceId, TOKEN_PREFIX + deviceId, Map.of());
        return deviceId;
    }

    private DeviceTransportFactory jdk() {
        return JdkDeviceTransport.factory(devicePort, serverTrust, null);
    }

    private static List<Reading> moteSample(int row, List<String[]> mote, long ts) {
        String[] fields = mote.get(row);
        return List.of(
                Reading.number("humidity", fields[2].trim(), "%RH", ts),
                Reading.number("temperature", fields[3].trim(), "C", ts));
    }

    private static List<String[]> mote1() throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(
                DATA.resolve("suthaharan_wsn/single_hop/singlehop_indoor_moteid1_data.txt"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, 200)) {
            rows.add(line.split("\t"));
        }
        return rows;
    }

    private long storedReadings(String deviceId) throws Exception {
        var context = gateway.getApplicationContext();
        DataSource dataSource = context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT COUNT(*) FROM telemetry WHERE device_id = ?")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void provisioned_device_sends_signed_batches_and_continues_its_sequence_after_a_restart() throws Exception {
        String deviceId = register("sdk");
        DeviceState state = DeviceState.open(devices.resolve(deviceId), deviceId);
        DeviceClient.provision(
                        state,
                        TOKEN_PREFIX + deviceId,
                        jdk(),
                        RetryPolicy.builder().maxAttempts(3).build())
                .get();
        assertThat(state.isProvisioned()).isTrue();
        List<String[]> mote = mote1();

        DeviceClient first = DeviceClient.builder(state, jdk()).build();
        List<TelemetryAck> acks = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            acks.add(first.send(moteSample(i, mote, now - 10_000 + i * 5_000L)).get());
        }
        first.close();

        assertThat(acks).extracting(TelemetryAck::seq).containsExactly(0L, 1L, 2L);
        assertThat(acks).extracting(TelemetryAck::accepted).containsOnly(2);
        assertThat(acks.get(0).receivedAt()).isPositive();

        // Restart, with a batch the gateway never saw left in the durable buffer by a run whose link was down.
        DeviceTransportFactory unreachable = credentials -> new DeviceTransport() {
            @Override
            public CompletableFuture<DeviceResponse> exchange(DeviceRequest request) {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {}
        };
        DeviceClient offline = DeviceClient.builder(state, unreachable).build();
        offline.send(moteSample(3, mote, System.currentTimeMillis()));
        offline.close();

        DeviceClient restarted = DeviceClient.builder(state, jdk()).build();
        TelemetryAck afterRestart =
                restarted.send(moteSample(4, mote, System.currentTimeMillis())).get();

        assertThat(restarted.flush(Duration.ofSeconds(60))).isTrue();
        assertThat(afterRestart.seq())
                .as("a new block of sequence numbers after the offline run's")
                .isEqualTo(128L);
        assertThat(restarted.acknowledgedReadings())
                .as("the buffered batch and the new one")
                .isEqualTo(4);
        assertThat(storedReadings(deviceId)).isEqualTo(10);
        restarted.close();
    }

    @Test
    void a_resent_batch_gets_the_original_acknowledgement_and_stores_nothing_twice() throws Exception {
        String deviceId = register("sdk-dup");
        DeviceState state = DeviceState.open(devices.resolve(deviceId), deviceId);
        DeviceClient.provision(state, TOKEN_PREFIX + deviceId, jdk(), RetryPolicy.defaults())
                .get();
        DeviceTransport raw = jdk().open(state.credentials());
        var batch = org.biotdm.device.sdk.SignedBatch.sign(
                deviceId, 5, System.currentTimeMillis(), moteSample(0, mote1(), Reading.NO_TS), state.keys());
        Route ingest = Route.of(TelemetryOperations.class, "ingest");
        DeviceRequest post = new DeviceRequest(ingest.method(), ingest.path(), batch.body(), Duration.ofSeconds(30));

        DeviceResponse first = raw.exchange(post).get();
        DeviceResponse again = raw.exchange(post).get();

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(storedReadings(deviceId)).isEqualTo(2);
    }

    @Test
    void provisioning_twice_with_the_same_token_is_refused_as_spent() throws Exception {
        String deviceId = register("sdk-spent");
        DeviceClient.provision(
                        DeviceState.open(devices.resolve(deviceId), deviceId),
                        TOKEN_PREFIX + deviceId,
                        jdk(),
                        RetryPolicy.defaults())
                .get();

        var second = DeviceClient.provision(
                DeviceState.open(devices.resolve(deviceId + "-copy"), deviceId),
                TOKEN_PREFIX + deviceId,
                jdk(),
                RetryPolicy.defaults());

        assertThat(second.handle((ok, error) -> error.getCause()).get())
                .isInstanceOfSatisfying(
                        DeviceApiException.class, e -> assertThat(e.code()).isEqualTo("CLAIM_TOKEN_SPENT"));
    }

    @Test
    void replay_command_provisions_from_a_token_file_and_ends_with_the_replay_line() throws Exception {
        String deviceId = register("uci-room");
        Path tokens = devices.resolve("tokens.txt");
        Files.writeString(tokens, "# device token\n" + deviceId + " " + TOKEN_PREFIX + deviceId + "\n");
        Path serverCert = devices.resolve("server-cert.pem");
        Files.writeString(serverCert, pem(serverTrust.get(0)));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine command = new CommandLine(new ReplayCommand())
                .setOut(new java.io.PrintWriter(out))
                .setErr(new java.io.PrintWriter(err));

        int status = command.execute(
                "--csv",
                DATA.resolve("uci_occupancy/datatest2.txt").toString(),
                "--timestamp-col",
                "date",
                "--timestamp-format",
                "yyyy-MM-dd HH:mm:ss",
                "--device",
                deviceId,
                "--sensors",
                "Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy",
                "--speedup",
                "0",
                "--limit",
                "250",
                "--gateway",
                devicePort.toString(),
                "--server-cert",
                serverCert.toString(),
                "--state-dir",
                devices.resolve("replay").toString(),
                "--claim-tokens",
                tokens.toString(),
                "--batch-size",
                "120");

        assertThat(status).as("out: %s err: %s", out, err).isZero();
        assertThat(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("REPLAY devices=1 rows=250 readings=1500 skipped=0 missing=0 acked=1500");
        assertThat(storedReadings(deviceId)).isEqualTo(1500);
    }

    @Test
    void many_devices_share_the_event_loop_threads() throws Exception {
        int count = 12;
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            String deviceId = register("fleet" + i);
            tokens.put(deviceId, TOKEN_PREFIX + deviceId);
        }
        List<CompletableFuture<TelemetryAck>> acks = new ArrayList<>();
        long before = simThreads();
        long ioThreads;
        try (DeviceEventLoop loop = new DeviceEventLoop(1, 2);
                SimulatedFleet fleet = new SimulatedFleet(
                        loop, devicePort, serverTrust, devices.resolve("fleet"), tokens::get, true)) {
            for (String deviceId : tokens.keySet()) {
                DeviceClient client = fleet.device(deviceId);
                for (int batch = 0; batch < 3; batch++) {
                    acks.add(client.send(List.of(Reading.number("temperature", "21." + batch, "C", Reading.NO_TS))));
                }
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get();
            ioThreads = simThreads() - before;
            assertThat(fleet.acknowledgedReadings()).isEqualTo(3L * count);
        }

        assertThat(ioThreads)
                .as("1 I/O + 2 workers + 1 timer, whatever the number of devices")
                .isLessThanOrEqualTo(4);
        assertThat(acks).extracting(f -> f.get().accepted()).containsOnly(1);
    }

    private static long simThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("biotdm-sim-"))
                .count();
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void csv_replay_through_simulated_devices_on_the_shared_event_loop() throws Exception {
        Map<String, String> tokens = new ConcurrentHashMap<>();
        String prefix = "sim" + System.nanoTime() % 1_000_000 + "-m";
        for (int mote = 1; mote <= 4; mote++) {
            String deviceId = prefix + mote;
            admin.registerWithClaimToken(deviceId, TOKEN_PREFIX + deviceId, Map.of());
            tokens.put(deviceId, TOKEN_PREFIX + deviceId);
        }
        ReplayCommand flags = new ReplayCommand();
        new CommandLine(flags)
                .parseArgs(
                        "--csv",
                        DATA.resolve("suthaharan_wsn/multi_hop/data.csv").toString(),
                        "--server-cert",
                        "unused",
                        "--interval-ms",
                        "5000",
                        "--device-col",
                        "mote_id",
                        "--device-prefix",
                        prefix,
                        "--sensors",
                        "humidity,temperature,label",
                        "--speedup",
                        "0",
                        "--limit",
                        "600");

        ReplayReport report;
        try (DeviceEventLoop loop = new DeviceEventLoop(1, 2);
                SimulatedFleet fleet = new SimulatedFleet(loop, devicePort, serverTrust, devices, tokens::get, false)) {
            report =
                    new CsvReplay(flags.options()).run(new FleetReplaySink(fleet, 50, 200, 4), Duration.ofSeconds(120));
        }

        assertThat(report.rows()).isEqualTo(600);
        assertThat(report.skipped()).isZero();
        assertThat(report.readings()).isEqualTo(1800);
        assertThat(report.acked()).isEqualTo(report.readings());
        long stored = 0;
        for (int mote = 1; mote <= 4; mote++) {
            stored += storedReadings(prefix + mote);
        }
        assertThat(stored).isEqualTo(1800);
    }
}
