package org.biotdm.cli.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Credentials;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.protocol.receipt.ReceiptStatus;

/**
 * The operators' side of a chaos run and the devices' execution of commands. An operator of Org1, granted the run's
 * device group, issues a command to a random device at a set interval (a failed issue is tried again with the same
 * command ID, so a command the gateway stored before it died is not issued twice); each device long-polls for
 * commands, executes each delivery and completes it with a signed receipt. A device executes naively, as the
 * simplest firmware would, so the gateway's promises are what is checked: a delivery of a command whose receipt the
 * gateway had already accepted counts as {@code executed_twice}, and a delivery after the command's expiry as an
 * expired command executed.
 */
final class ChaosCommands implements AutoCloseable {
    /** The command type the run issues. */
    static final String COMMAND_TYPE = "set-sampling-interval";

    private static final Duration POLL_WAIT = Duration.ofSeconds(20);
    private static final int EXPIRES_IN_S = 3_600;
    private static final byte[] RESULT = "{\"applied\":true}".getBytes(StandardCharsets.UTF_8);

    private final ApiClient api;
    private final Credentials.Login operator;
    private final ScheduledExecutorService timer;
    private final List<DeviceClient> devices;
    private final Random random;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final AtomicInteger executedTwice = new AtomicInteger();
    private final AtomicInteger expiredExecuted = new AtomicInteger();
    private volatile boolean stopped;
    private String pendingId;

    ChaosCommands(
            ApiClient api,
            Credentials.Login operator,
            ScheduledExecutorService timer,
            List<DeviceClient> devices,
            Random random) {
        this.api = api;
        this.operator = operator;
        this.timer = timer;
        this.devices = new ArrayList<>(devices);
        this.random = random;
    }

    /**
     * Starts the devices' polling and the operator's commands.
     *
     * @param every the interval between commands
     */
    void start(Duration every) {
        devices.forEach(this::poll);
        timer.scheduleWithFixedDelay(this::issueOne, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    int issued() {
        return issued.size();
    }

    int executed() {
        return executions.size();
    }

    int executedTwice() {
        return executedTwice.get();
    }

    int expiredExecuted() {
        return expiredExecuted.get();
    }

    private synchronized void issueOne() {
        if (stopped) {
            return;
        }
        String commandId = pendingId != null ? pendingId : "chaos-" + UUID.randomUUID();
        DeviceClient device = devices.get(random.nextInt(devices.size()));
        try {
            String token = api.login(operator);
            api.issueCommand(
                    token, commandId, device.deviceId(), COMMAND_TYPE, Map.of("intervalMs", 10_000), EXPIRES_IN_S);
            issued.add(commandId);
            pendingId = null;
        } catch (ApiClient.ApiError e) {
            // 409: the gateway stored it before its answer was lost; any other refusal is tried again.
            if (e.status() == 409) {
                issued.add(commandId);
                pendingId = null;
            } else {
                pendingId = commandId;
            }
        } catch (IOException e) {
            pendingId = commandId;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(DeviceClient device) {
        if (stopped) {
            return;
        }
        device.pollCommands(POLL_WAIT).whenComplete((delivered, error) -> {
            if (error != null) {
                if (!stopped) {
                    timer.schedule(() -> poll(device), 500, TimeUnit.MILLISECONDS);
                }
                return;
            }
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (DeviceCommand command : delivered) {
                execute(command);
                chain = chain.thenCompose(v -> device.completeCommand(command, ReceiptStatus.SUCCEEDED, RESULT)
                        .handle((ok, failure) -> {
                            if (failure == null) {
                                completed.add(command.commandId());
                            }
                            return null;
                        }));
            }
            chain.whenComplete((v, e) -> poll(device));
        });
    }

    private void execute(DeviceCommand command) {
        if (completed.contains(command.commandId())) {
            executedTwice.incrementAndGet();
        }
        if (command.expiresAt() > 0 && command.expiresAt() < System.currentTimeMillis()) {
            expiredExecuted.incrementAndGet();
        }
        executions
                .computeIfAbsent(command.commandId(), id -> new AtomicInteger())
                .incrementAndGet();
    }

    @Override
    public void close() {
        stopped = true;
    }
}
