package org.biotdm.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.replay.LoadDriver;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sim.DeviceEventLoop;
import org.biotdm.protocol.receipt.ReceiptStatus;

/**
 * The soak's steady load, all of it at once: telemetry at a fixed rate (open loop: each device sends a batch every
 * period, and skips a beat when it already has {@value #MAX_IN_FLIGHT} batches unacknowledged, counted as {@code
 * behind}), one command every few seconds that its device, long-polling, completes with a signed receipt, and live
 * sessions on {@code /ws/events} that reconnect, signed in again, whenever the gateway closes them (as when their token
 * expires). People's tokens are renewed by signing in again every {@value #RELOGIN_MINUTES} minutes.
 */
final class SoakLoad implements AutoCloseable {
    static final String COMMAND_TYPE = "set-sampling-interval";
    private static final int MAX_IN_FLIGHT = 4;
    private static final int RELOGIN_MINUTES = 10;
    private static final Duration POLL_WAIT = Duration.ofSeconds(30);
    private static final byte[] RESULT = "{\"applied\":true}".getBytes(StandardCharsets.UTF_8);

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "soak-load");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newHttpClient();
    private final LoadDriver driver = new LoadDriver();
    private final ApiClient api;
    private final Credentials.Login operator;
    private final Credentials.Login admin;
    private volatile String operatorToken;
    private volatile String adminToken;
    private volatile boolean running = true;
    private final AtomicLong behind = new AtomicLong();
    private final AtomicLong commandsIssued = new AtomicLong();
    private final AtomicLong commandsFailed = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong liveMessages = new AtomicLong();
    private final AtomicLong liveReconnects = new AtomicLong();

    /**
     * Signs the operator and the admin in.
     *
     * @param api the stack's API
     * @param operator the operator who issues the commands
     * @param admin the admin whose live sessions watch the fleet
     * @throws IOException when the API cannot be reached or refuses
     * @throws InterruptedException when interrupted
     */
    SoakLoad(ApiClient api, Credentials.Login operator, Credentials.Login admin)
            throws IOException, InterruptedException {
        this.api = api;
        this.operator = operator;
        this.admin = admin;
        signIn();
        timer.scheduleAtFixedRate(this::renewTokens, RELOGIN_MINUTES, RELOGIN_MINUTES, TimeUnit.MINUTES);
    }

    /**
     * Starts each device's telemetry: {@code batchSize} readings every {@code periodMillis}, staggered.
     *
     * @param devices the devices
     * @param batchSize readings per batch
     * @param periodMillis each device's period, ms
     */
    void telemetry(List<LoadDriver.Device> devices, int batchSize, long periodMillis) {
        for (int i = 0; i < devices.size(); i++) {
            LoadDriver.Device device = devices.get(i);
            AtomicInteger inFlight = new AtomicInteger();
            timer.scheduleAtFixedRate(
                    () -> beat(device, inFlight, batchSize),
                    periodMillis * i / devices.size(),
                    periodMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void beat(LoadDriver.Device device, AtomicInteger inFlight, int batchSize) {
        if (!running) {
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            behind.incrementAndGet();
            return;
        }
        driver.send(device, batchSize).whenComplete((ack, error) -> inFlight.decrementAndGet());
    }

    /**
     * Has every device long-poll its commands and complete each with a signed receipt, and issues one command every
     * {@code intervalSeconds} to the devices in turn.
     *
     * @param clients the devices
     * @param loop the fleet's event loop, for retries
     * @param intervalSeconds seconds between commands
     */
    void commands(List<DeviceClient> clients, DeviceEventLoop loop, int intervalSeconds) {
        clients.forEach(client -> poll(client, loop));
        AtomicLong next = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36);
        timer.scheduleAtFixedRate(
                () -> {
                    long n = next.getAndIncrement();
                    String deviceId = clients.get((int) (n % clients.size())).deviceId();
                    try {
                        api.issueCommand(
                                operatorToken,
                                "soak-" + run + "-" + n,
                                deviceId,
                                COMMAND_TYPE,
                                Map.of("intervalMs", 10_000),
                                600);
                        commandsIssued.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        commandsFailed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                intervalSeconds,
                intervalSeconds,
                TimeUnit.SECONDS);
    }

    private void poll(DeviceClient client, DeviceEventLoop loop) {
        if (!running) {
            return;
        }
        client.pollCommands(POLL_WAIT).whenComplete((delivered, error) -> {
            if (error != null) {
                loop.timer().schedule(() -> poll(client, loop), 500, TimeUnit.MILLISECONDS);
                return;
            }
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (DeviceCommand command : delivered) {
                chain = chain.thenCompose(v -> client.completeCommand(command, ReceiptStatus.SUCCEEDED, RESULT)
                        .handle((ok, failure) -> {
                            if (failure == null) {
                                receipts.incrementAndGet();
                            }
                            return null;
                        }));
            }
            chain.whenComplete((v, e) -> poll(client, loop));
        });
    }

    /**
     * Opens live sessions on {@code /ws/events} as the admin, each reopened whenever it closes.
     *
     * @param sessions how many
     */
    void live(int sessions) {
        for (int i = 0; i < sessions; i++) {
            openLive();
        }
    }

    private void openLive() {
        if (!running) {
            return;
        }
        URI uri = URI.create(api.base().toString().replaceFirst("^http", "ws") + "/ws/events");
        http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + adminToken)
                .buildAsync(uri, new LiveListener())
                .whenComplete((socket, error) -> {
                    if (error != null) {
                        reopenLive();
                    }
                });
    }

    private void reopenLive() {
        liveReconnects.incrementAndGet();
        if (running) {
            timer.schedule(this::openLive, 1, TimeUnit.SECONDS);
        }
    }

    /** Counts the messages of one live session and reopens it when it closes. */
    private final class LiveListener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (last) {
                liveMessages.incrementAndGet();
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            reopenLive();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            reopenLive();
        }
    }

    private void signIn() throws IOException, InterruptedException {
        operatorToken = api.login(operator);
        adminToken = api.login(admin);
    }

    private void renewTokens() {
        try {
            signIn();
        } catch (IOException | RuntimeException e) {
            // The next renewal tries again; a command issued meanwhile fails and is counted.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns the telemetry driver, for its counts.
     *
     * @return the driver
     */
    LoadDriver driver() {
        return driver;
    }

    /**
     * Returns what the load did besides telemetry.
     *
     * @return {@code behind=… commands=… commands_failed=… receipts=… live_messages=… live_reconnects=…}
     */
    String counts() {
        return "behind=" + behind.get() + " commands=" + commandsIssued.get() + " commands_failed="
                + commandsFailed.get() + " receipts=" + receipts.get() + " live_messages=" + liveMessages.get()
                + " live_reconnects=" + liveReconnects.get();
    }

    /**
     * Returns the commands issued and the receipts accepted.
     *
     * @return {issued, receipts, failed issues}
     */
    long[] commandCounts() {
        return new long[] {commandsIssued.get(), receipts.get(), commandsFailed.get()};
    }

    /** Stops sending, polling, issuing and reconnecting. */
    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
    }
}
