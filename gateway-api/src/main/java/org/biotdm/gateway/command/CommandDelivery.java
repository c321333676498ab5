package org.biotdm.gateway.command;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a device its pending commands ({@code GET /device/v1/commands?wait=n}) without parking a thread while it
 * waits: the poll registers a {@link CommandWaiters} future first, then looks for commands on the blocking executor;
 * when there are none it completes when a command is issued for the device or when the wait runs out (empty answer).
 *
 * <p><b>Delivery is recorded on the ledger before the command is handed out</b>: an {@code ISSUED} command is only
 * included after MarkCommandDelivered committed (gateway identity). A command the ledger refuses to deliver is left
 * out: {@code COMMAND_EXPIRED} marks it {@code EXPIRED}, {@code COMMAND_ALREADY_COMPLETED} takes the ledger's outcome.
 * <b>Redelivery</b>: a {@code DELIVERED} command that has no receipt yet is included again in every poll until it
 * completes or expires (its {@code deliveryCount} grows), so a device that never received a response, or restarted,
 * still gets it; devices deduplicate by command ID and execute each command once. Expired commands are never handed
 * out: the query excludes {@code expires_at <= now} whatever the sweep has marked.
 */
@Singleton
public class CommandDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDelivery.class);

    private final CommandsConfiguration configuration;
    private final CommandRepository repository;
    private final CommandLedger ledger;
    private final CommandWaiters waiters;
    private final CommandEvents events;
    private final CommandService commands;
    private final ExecutorService executor;

    /**
     * Creates the delivery.
     *
     * @param configuration the command settings
     * @param repository the {@code commands} table
     * @param ledger the commands contract
     * @param waiters the waiting polls
     * @param events announces state changes
     * @param commands turns stored parameters back into JSON
     * @param executor the blocking executor for database and ledger calls
     */
    public CommandDelivery(
            CommandsConfiguration configuration,
            CommandRepository repository,
            CommandLedger ledger,
            CommandWaiters waiters,
            CommandEvents events,
            CommandService commands,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.configuration = configuration;
        this.repository = repository;
        this.ledger = ledger;
        this.waiters = waiters;
        this.events = events;
        this.commands = commands;
        this.executor = executor;
    }

    /**
     * Polls for a device's commands.
     *
     * @param deviceId the authenticated device
     * @param waitSeconds how long to wait when nothing is pending, 0 to {@code biotdm.commands.max-wait}
     * @return completes with the commands handed out (possibly none), or fails with 400 {@code INVALID_ARGUMENT}, 503
     *     {@code DATABASE_UNAVAILABLE} or {@code LEDGER_UNAVAILABLE}
     */
    public CompletableFuture<DeviceCommands> poll(String deviceId, long waitSeconds) {
        long max = configuration.maxWait().toSeconds();
        if (waitSeconds < 0 || waitSeconds > max) {
            return CompletableFuture.failedFuture(
                    ApiException.invalid("wait", "wait must be 0 to " + max + " seconds"));
        }
        CompletableFuture<Boolean> waiter =
                waitSeconds == 0 ? null : waiters.await(deviceId, Duration.ofSeconds(waitSeconds));
        return CompletableFuture.supplyAsync(() -> deliver(deviceId), executor).thenCompose(found -> {
            if (waiter == null) {
                return CompletableFuture.completedFuture(found);
            }
            if (!found.commands().isEmpty()) {
                waiter.cancel(false);
                return CompletableFuture.completedFuture(found);
            }
            return waiter.thenApplyAsync(woken -> woken ? deliver(deviceId) : found, executor);
        });
    }

    /**
     * Hands out what is pending for a device now, recording each first delivery on the ledger; the long poll and the
     * MQTT command push both use it. Blocks.
     *
     * @param deviceId the device
     * @return the commands handed out
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}, or {@code LEDGER_UNAVAILABLE} when pending commands
     *     exist but none could be recorded as delivered
     */
    public DeviceCommands deliver(String deviceId) {
        try {
            List<CommandRecord> pending =
                    repository.deliverable(deviceId, System.currentTimeMillis(), configuration.maxDelivered());
            List<DeviceCommand> delivered = new ArrayList<>(pending.size());
            LedgerException unavailable = null;
            for (CommandRecord command : pending) {
                try {
                    if (handOut(command)) {
                        delivered.add(toDevice(command));
                    }
                } catch (LedgerException e) {
                    unavailable = e;
                }
            }
            if (delivered.isEmpty() && unavailable != null) {
                throw new ApiException(
                        unavailable.code(),
                        "Pending commands cannot be recorded as delivered on the ledger; retry later",
                        unavailable.transactionId(),
                        5,
                        unavailable);
            }
            return new DeviceCommands(delivered);
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(5, e);
        }
    }

    /** Records one delivery; false when the command must not be handed out after all. */
    private boolean handOut(CommandRecord command) throws LedgerException {
        if (command.state() == CommandState.DELIVERED) {
            return repository.markDelivered(command.commandId(), System.currentTimeMillis(), null);
        }
        try {
            CommandLedger.Written written = ledger.markDelivered(command.commandId());
            Long at = written.command().deliveredAt();
            repository.markDelivered(
                    command.commandId(), at == null ? System.currentTimeMillis() : at, written.transactionId());
            events.changed(command, CommandState.DELIVERED, written.transactionId());
            return true;
        } catch (LedgerException e) {
            return refusedDelivery(command, e);
        }
    }

    private boolean refusedDelivery(CommandRecord command, LedgerException e) throws LedgerException {
        if (e.kind() != LedgerException.Kind.CONTRACT) {
            throw e;
        }
        switch (e.code()) {
            case COMMAND_EXPIRED -> {
                if (repository.markExpired(
                        command.commandId(), Math.max(System.currentTimeMillis(), command.expiresAt()))) {
                    events.changed(command, CommandState.EXPIRED, null);
                }
                return false;
            }
            case COMMAND_INVALID_STATE, COMMAND_ALREADY_COMPLETED -> {
                Optional<LedgerCommand> onChain = ledger.get(command.commandId());
                if (onChain.isPresent() && onChain.get().status() == CommandState.DELIVERED) {
                    Long at = onChain.get().deliveredAt();
                    return repository.markDelivered(
                            command.commandId(), at == null ? System.currentTimeMillis() : at, null);
                }
                if (onChain.isPresent()
                        && onChain.get().status().isCompletion()
                        && repository.markCompleted(onChain.get(), null, null)) {
                    events.changed(command, onChain.get().status(), null);
                }
                return false;
            }
            default -> {
                LOG.warn("command {} not delivered: the ledger refused with {}", command.commandId(), e.code());
                return false;
            }
        }
    }

    private DeviceCommand toDevice(CommandRecord command) {
        return new DeviceCommand(
                command.commandId(),
                command.commandType(),
                commands.parse(command.parametersJson()),
                command.parametersSha256(),
                command.issuedAt() == null ? command.createdAt() : command.issuedAt(),
                command.expiresAt(),
                command.deliveryCount() + 1);
    }
}
