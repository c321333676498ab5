package org.biotdm.gateway.command;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.biotdm.gateway.ledger.ChaincodeEventFollower;
import org.biotdm.gateway.ledger.ChaincodeEventPayload;
import org.biotdm.gateway.ledger.EventCheckpoints;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the ledger's {@code CommandIssued} events on every gateway instance, so a command issued through one
 * instance reaches its device wherever it waits: a long poll or an MQTT connection on this instance is woken ({@link
 * CommandEvents#pending}) as soon as this instance's peer delivers the block.
 *
 * <p>The instances share one database (architecture: stateless instances, one replicated MariaDB), which holds the
 * command's parameters. The issuing instance records the committed command as {@code ISSUED} after its submit
 * returns; an event seen before that (or after that instance died between commit and record) finds the row still
 * {@code ISSUING}, and this follower records it from the ledger's record first ({@code GetCommand}), with the same
 * conditional update, so whichever instance is first records it and the other changes nothing; each announces the
 * {@code ISSUED} live event to its own watchers ({@link CommandEvents#recordIssued}).
 *
 * <p>The stream starts at the next block after startup and resumes from an in-memory checkpoint after a reconnect: a
 * command issued while this instance was down is handed out when the device next connects or polls, which every
 * device does on start. Runs unless {@code biotdm.ledger.events-enabled} is false.
 */
@Singleton
@Requires(property = "biotdm.ledger.events-enabled", notEquals = "false")
public class CommandIssuedFollower implements AutoCloseable {
    /** The listener's name (in memory only; nothing is written to {@code event_checkpoints}). */
    public static final String LISTENER_NAME = "command-issued";

    private static final Logger LOG = LoggerFactory.getLogger(CommandIssuedFollower.class);
    private static final String ISSUED = "CommandIssued";

    private final CommandRepository repository;
    private final CommandLedger ledger;
    private final CommandEvents events;
    private final ObjectMapper json;
    private final ChaincodeEventFollower follower;

    /**
     * Creates the follower; it starts with the application.
     *
     * @param client the ledger client
     * @param repository the {@code commands} table
     * @param ledger the commands contract, to read a command not yet recorded
     * @param events wakes the device's long polls and push
     * @param json the JSON mapper for event payloads
     * @param configuration the ledger settings (reconnect pauses)
     */
    public CommandIssuedFollower(
            LedgerClient client,
            CommandRepository repository,
            CommandLedger ledger,
            CommandEvents events,
            ObjectMapper json,
            LedgerConfiguration configuration) {
        this.repository = repository;
        this.ledger = ledger;
        this.events = events;
        this.json = json;
        this.follower = new ChaincodeEventFollower(
                LISTENER_NAME,
                ChaincodeEventFollower.EventSource.fromNextBlock(client),
                EventCheckpoints.inMemory(),
                configuration.eventsBackoff(),
                event -> {
                    if (ISSUED.equals(event.getEventName())) {
                        issued(event);
                    }
                    return true;
                });
    }

    /**
     * Starts following when the application has started.
     *
     * @param event the startup event
     */
    @EventListener
    public void onStartup(StartupEvent event) {
        follower.start();
    }

    /**
     * Tells whether the event stream is open.
     *
     * @return true while connected to the peer's event stream
     */
    public boolean isConnected() {
        return follower.isConnected();
    }

    @PreDestroy
    @Override
    public void close() {
        follower.stop();
    }

    /** Records the command if its issuer has not yet, then wakes its device's waiters here. */
    private void issued(ChaincodeEvent event) throws LedgerException {
        ChaincodeEventPayload payload = ChaincodeEventPayload.read(json, event);
        String commandId = payload.keyId();
        if (payload.deviceId() == null || commandId == null) {
            return;
        }
        Optional<CommandRecord> row;
        try {
            row = repository.find(commandId);
        } catch (RuntimeException e) {
            LOG.warn("command {} not read from the database, its device woken anyway: {}", commandId, e.toString());
            row = Optional.empty();
        }
        if (row.isPresent() && row.get().state() == CommandState.ISSUING) {
            Optional<LedgerCommand> onChain = ledger.get(commandId);
            if (onChain.isPresent()) {
                events.recordIssued(repository, row.get(), onChain.get(), event.getTransactionId());
                return;
            }
        }
        events.pending(payload.deviceId());
    }
}
