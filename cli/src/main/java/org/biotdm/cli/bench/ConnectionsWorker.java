package org.biotdm.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.ApiSession;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.devices.ClaimTokenFile;
import org.biotdm.cli.devices.DeviceCsv;
import org.biotdm.cli.devices.DeviceImport;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCredentials;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.DeviceTransport;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.MemoryBatchBuffer;
import org.biotdm.device.sdk.MqttDeviceTransport;
import org.biotdm.device.sdk.RetryPolicy;
import org.biotdm.device.sim.ClaimTokenSource;
import org.biotdm.device.sim.DeviceEventLoop;
import org.biotdm.device.sim.NettyDeviceTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One client process of {@code biotdm bench connections} (a hidden command; the benchmark starts several, because a
 * process may hold only as many sockets as its open-files limit allows). It handles the devices {@code
 * <prefix>-<first>} to {@code <prefix>-<first+count-1>}, each a real SDK {@link DeviceClient} with its own P-256 key,
 * certificate and mutual-TLS connection to one gateway instance's device port, all on one {@link DeviceEventLoop}.
 *
 * <p>{@code --phase provision}: registers every device in batches ({@code POST /api/v1/devices:batch}, as the first
 * organisation's admin, idempotently) and provisions (claim token + CSR) every device whose state directory has no
 * certificate yet, at most {@code --concurrency} at a
 * time, then exits; status 1 when any failed. {@code --phase connect}: opens every device, at most {@code
 * --concurrency} TLS handshakes at a time, with a first {@code GET /device/v1/commands?wait=0} (which proves the
 * connection is authenticated), then keeps a command long poll ({@code wait=--wait}) open on that keep-alive
 * connection for as long as the process runs, polling again whenever one ends and after a second when one fails.
 * With {@code --mqtt-url} the connect phase holds MQTT connections instead ({@link MqttDeviceTransport}: mutual TLS,
 * MQTT 5 CONNECT, SUBSCRIBE to the device's command topic): a device counts as connected when its subscription is
 * acknowledged, and its command "long poll" then waits on the commands pushed to it, without a request to the gateway.
 *
 * <p>Progress goes to standard output, one line per second: {@code PROVISIONED done=… failed=…}, {@code CONNECTED
 * open=… failed=…}, {@code HOLD open=… polls=… errors=…}; {@code PROVISIONED-ALL done=… failed=… new=…} (new: provisioned
 * now rather than found in the state directory) and {@code CONNECTED-ALL …} end a phase.
 */
@Command(name = "connections-worker", hidden = true, description = "A client process of bench connections.")
public final class ConnectionsWorker implements Callable<Integer> {
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    @Option(names = "--phase", required = true, description = "provision or connect")
    String phase;

    @Option(names = "--api", required = true, description = "The gateway API used for registrations.")
    URI api;

    @Option(names = "--device-url", required = true, description = "The device port this process connects to.")
    URI deviceUrl;

    @Option(names = "--mqtt-url", description = "The MQTT port this process connects to, instead of the device port.")
    URI mqttUrl;

    @Option(names = "--server-cert", required = true, description = "The device port's certificate (PEM).")
    Path serverCertificate;

    @Option(names = "--credentials", required = true, description = "The stack's credentials file.")
    Path credentials;

    @Option(names = "--msp", required = true, description = "The registering admin's organisation.")
    String mspId;

    @Option(names = "--state-root", required = true, description = "Where each device's state directory lives.")
    Path stateRoot;

    @Option(names = "--prefix", defaultValue = "conn", description = "Device ID prefix.")
    String prefix;

    @Option(names = "--first", required = true, description = "The first device number.")
    int first;

    @Option(names = "--count", required = true, description = "How many devices.")
    int count;

    @Option(names = "--wait", defaultValue = "55", description = "Long-poll wait in seconds (1-60).")
    int waitSeconds;

    @Option(names = "--concurrency", defaultValue = "64", description = "Registrations or handshakes in flight.")
    int concurrency;

    private final PrintStream out = System.out;

    /**
     * Returns the ID of the benchmark's {@code n}-th device.
     *
     * @param prefix the ID prefix
     * @param n the device number, 0 or more
     * @return {@code <prefix>-<n>}, the number zero-padded to 6 digits
     */
    public static String deviceId(String prefix, int n) {
        return String.format(java.util.Locale.ROOT, "%s-%06d", prefix, n);
    }

    @Override
    public Integer call() throws Exception {
        List<X509Certificate> trusted =
                DeviceTls.certificates(Files.readString(serverCertificate, StandardCharsets.US_ASCII));
        try (DeviceEventLoop loop = new DeviceEventLoop(1, 1)) {
            DeviceTransportFactory transports = NettyDeviceTransport.factory(loop, deviceUrl, trusted);
            return switch (phase) {
                case "provision" -> provision(transports);
                case "connect" -> connect(
                        loop, mqttUrl == null ? transports : new MqttTransports(mqttUrl, trusted, transports));
                default -> throw new IllegalArgumentException("--phase must be provision or connect, not " + phase);
            };
        }
    }

    private int provision(DeviceTransportFactory transports) throws Exception {
        List<String> ids = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            ids.add(deviceId(prefix, n));
        }
        Map<String, String> tokens = registerInBatches(ids);
        RetryPolicy retries = RetryPolicy.builder().maxAttempts(8).build();
        Semaphore inFlight = new Semaphore(concurrency);
        Tally tally = new Tally();
        AtomicLong fresh = new AtomicLong();
        Reporter reporter = new Reporter(() -> "PROVISIONED done=" + tally.done + " failed=" + tally.failed);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (String id : ids) {
            inFlight.acquire();
            CompletableFuture.runAsync(() -> provisionOne(id, tokens::get, transports, retries, fresh), pool)
                    .whenComplete((ignored, error) -> {
                        tally.count(id, error);
                        inFlight.release();
                    });
        }
        inFlight.acquire(concurrency);
        pool.shutdown();
        reporter.close();
        tally.printFailures(out);
        out.println("PROVISIONED-ALL done=" + tally.done + " failed=" + tally.failed + " new=" + fresh.get());
        out.flush();
        return tally.failed.get() == 0 ? 0 : 1;
    }

    /**
     * Registers the slice's devices through {@code POST /api/v1/devices:batch} as {@code devices import} does, with
     * their tokens kept in an owner-only file of the state root, so a second run sends the same hashes ({@code
     * EXISTS}); a device refused there fails when it is provisioned. The file lies beside the state root, whose
     * entries are the devices.
     */
    private Map<String, String> registerInBatches(List<String> ids) throws Exception {
        List<DeviceCsv.Row> rows = ids.stream()
                .map(id -> new DeviceCsv.Row(
                        0, id, "bench-connection", mspId + "/bench-connection", "1.0.0", "bench-connections", Map.of()))
                .toList();
        ApiSession admin = new ApiSession(new ApiClient(api), () -> Credentials.load(credentials)
                .find(mspId, "admin")
                .orElseThrow(() -> new IllegalStateException("No admin of " + mspId + " in " + credentials)));
        Path tokenFile =
                stateRoot.resolveSibling(stateRoot.getFileName() + "-claim-tokens-" + deviceId(prefix, first) + ".csv");
        try (ClaimTokenFile tokens = ClaimTokenFile.open(tokenFile)) {
            long refused = new DeviceImport(admin, DeviceImport.MAX_BATCH, 2)
                    .register(rows, tokens, batch -> {}).stream()
                            .filter(result -> !result.registered())
                            .peek(result -> out.println("REFUSED " + result.deviceId() + " " + result.code()))
                            .count();
            out.println("REGISTERED-BATCHES devices=" + ids.size() + " refused=" + refused);
            return tokens.tokensFor(ids);
        }
    }

    /** Provisions a device whose state directory has no certificate yet, counting it in {@code fresh}. */
    private void provisionOne(
            String id,
            ClaimTokenSource tokens,
            DeviceTransportFactory transports,
            RetryPolicy retries,
            AtomicLong fresh) {
        try {
            DeviceState state = DeviceState.open(stateRoot.resolve(id), id);
            if (!state.isProvisioned()) {
                DeviceClient.provision(state, tokens.claimToken(id), transports, retries)
                        .get(5, TimeUnit.MINUTES);
                fresh.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int connect(DeviceEventLoop loop, DeviceTransportFactory transports) throws Exception {
        Semaphore handshakes = new Semaphore(concurrency);
        Tally tally = new Tally();
        AtomicLong polls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<DeviceClient> clients = new ArrayList<>(count);
        Reporter reporter = new Reporter(() -> "CONNECTED open=" + tally.done + " failed=" + tally.failed);
        for (int n = first; n < first + count; n++) {
            String id = deviceId(prefix, n);
            DeviceClient client = open(id, loop, transports);
            clients.add(client);
            handshakes.acquire();
            connected(client, transports).whenComplete((ignored, error) -> {
                tally.count(id, error);
                if (error == null) {
                    new LongPoll(client, loop, polls, errors).next();
                }
                handshakes.release();
            });
        }
        handshakes.acquire(concurrency);
        reporter.close();
        tally.printFailures(out);
        out.println("CONNECTED-ALL open=" + tally.done + " failed=" + tally.failed);
        out.flush();
        holdUntilStopped(clients, () -> "HOLD open=" + tally.done + " polls=" + polls + " errors=" + errors);
        return 0;
    }

    /**
     * Returns when the device is connected and authenticated: over MQTT its command subscription is acknowledged, over
     * HTTPS a first {@code GET /device/v1/commands?wait=0} is answered.
     */
    private static CompletableFuture<?> connected(DeviceClient client, DeviceTransportFactory transports) {
        if (transports instanceof MqttTransports mqtt) {
            return mqtt.subscribed(client.deviceId());
        }
        return client.pollCommands(Duration.ZERO);
    }

    private DeviceClient open(String id, DeviceEventLoop loop, DeviceTransportFactory transports) throws IOException {
        DeviceState state = DeviceState.open(stateRoot.resolve(id), id);
        return DeviceClient.builder(state, transports)
                .buffer(new MemoryBatchBuffer())
                .executor(loop.workers())
                .scheduler(loop.timer())
                .forceWrites(false)
                .build();
    }

    /** Holds the connections, reporting every second, until the benchmark stops this process. */
    private void holdUntilStopped(List<DeviceClient> clients, Supplier<String> line) throws InterruptedException {
        Reporter holding = new Reporter(line);
        try {
            Thread.currentThread().join();
        } finally {
            holding.close();
            clients.forEach(DeviceClient::close);
        }
    }

    /** The MQTT transports of this process's devices, each kept until its first subscription is acknowledged. */
    private static final class MqttTransports implements DeviceTransportFactory {
        private final DeviceTransportFactory mqtt;
        private final Map<String, MqttDeviceTransport> opening = new ConcurrentHashMap<>();

        MqttTransports(URI mqttUrl, List<X509Certificate> trusted, DeviceTransportFactory https) {
            this.mqtt = MqttDeviceTransport.factory(mqttUrl, trusted, https);
        }

        @Override
        public DeviceTransport open(DeviceCredentials credentials) {
            DeviceTransport transport = mqtt.open(credentials);
            if (credentials != null && transport instanceof MqttDeviceTransport opened) {
                opening.put(credentials.deviceId(), opened);
            }
            return transport;
        }

        CompletableFuture<Void> subscribed(String deviceId) {
            MqttDeviceTransport transport = opening.remove(deviceId);
            if (transport == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("No MQTT transport for " + deviceId));
            }
            return transport.subscribed();
        }
    }

    /** Devices done and failed in a phase, and the first five failures, to be printed at the end of the phase. */
    private static final class Tally {
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final List<String> failures = new ArrayList<>();

        void count(String id, Throwable error) {
            if (error == null) {
                done.incrementAndGet();
                return;
            }
            failed.incrementAndGet();
            synchronized (failures) {
                if (failures.size() < 5) {
                    failures.add(id + ": " + rootMessage(error));
                }
            }
        }

        void printFailures(PrintStream out) {
            synchronized (failures) {
                failures.forEach(failure -> out.println("FAILED " + failure));
            }
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** One device's endless command long poll on its kept-alive connection. */
    private final class LongPoll {
        private final DeviceClient client;
        private final DeviceEventLoop loop;
        private final AtomicLong polls;
        private final AtomicLong errors;

        LongPoll(DeviceClient client, DeviceEventLoop loop, AtomicLong polls, AtomicLong errors) {
            this.client = client;
            this.loop = loop;
            this.polls = polls;
            this.errors = errors;
        }

        void next() {
            client.pollCommands(Duration.ofSeconds(waitSeconds)).whenComplete((commands, error) -> {
                if (error == null) {
                    polls.incrementAndGet();
                    next();
                } else {
                    errors.incrementAndGet();
                    loop.timer().schedule(this::next, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    /** Prints a progress line every second until closed. */
    private final class Reporter implements AutoCloseable {
        private final Thread thread;

        Reporter(Supplier<String> line) {
            thread = new Thread(
                    () -> {
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                Thread.sleep(1000);
                                out.println(line.get());
                                out.flush();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "biotdm-progress");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
