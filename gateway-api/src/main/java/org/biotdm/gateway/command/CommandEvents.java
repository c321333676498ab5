package org.biotdm.gateway.command;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.live.LiveEvent;

/**
 * Tells the rest of the gateway about command state changes: a {@link LiveEvent} of type {@value #TYPE} for people
 * watching {@code /ws/events}, and, when a command is issued, a wake-up for the device's waiting long poll and a
 * {@link CommandPendingEvent} for the transports that push.
 *
 * <p>Live events go to the people watching this instance. {@code ISSUED} is announced once per instance ({@link
 * #recordIssued}): by the issuing instance after its submit returns, whichever instance wrote the row (its own or
 * another's {@link CommandIssuedFollower} may be first), and by a follower that wrote it.
 */
@Singleton
final class CommandEvents {
    /** The live event type of command state changes. */
    public static final String TYPE = "command";

    /** The most command IDs remembered as announced {@code ISSUED} here; the oldest are forgotten first. */
    static final int ANNOUNCED_MAX = 4096;

    private final ApplicationEventPublisher<LiveEvent> publisher;
    private final ApplicationEventPublisher<CommandPendingEvent> pending;
    private final CommandWaiters waiters;
    private final Map<String, Boolean> announcedIssued = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ANNOUNCED_MAX;
        }
    };

    /**
     * Creates the publisher.
     *
     * @param publisher publishes live events (never blocks)
     * @param pending publishes {@link CommandPendingEvent}s
     * @param waiters the waiting device polls
     */
    public CommandEvents(
            ApplicationEventPublisher<LiveEvent> publisher,
            ApplicationEventPublisher<CommandPendingEvent> pending,
            CommandWaiters waiters) {
        this.publisher = publisher;
        this.pending = pending;
        this.waiters = waiters;
    }

    /**
     * Announces a state change.
     *
     * @param command the command (its device, owner and type)
     * @param state the new state
     * @param transactionId the transaction that made the change, or null (an off-chain expiry)
     */
    public void changed(CommandRecord command, CommandState state, String transactionId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commandId", command.commandId());
        data.put("commandType", command.commandType());
        data.put("state", state.name());
        if (transactionId != null) {
            data.put("transactionId", transactionId);
        }
        publisher.publishEvent(
                new LiveEvent(TYPE, command.deviceId(), command.ownerMsp(), System.currentTimeMillis(), data));
        if (state == CommandState.ISSUED) {
            pending(command.deviceId());
        }
    }

    /**
     * Records a committed IssueCommand ({@code ISSUING → ISSUED}, a conditional update, so of several instances only
     * the first changes the row) and announces {@code ISSUED} here unless this instance already did: also when the
     * row was already {@code ISSUED} because another instance's follower wrote it first. A row that has moved on
     * (the device already fetched the command) is not announced as issued.
     *
     * @param repository the {@code commands} table
     * @param row the command as inserted ({@code ISSUING})
     * @param onChain the ledger's record of it
     * @param transactionId the IssueCommand transaction, or null when it is not known (an adopted command)
     * @return the row as it is now, or empty when it is gone
     */
    Optional<CommandRecord> recordIssued(
            CommandRepository repository, CommandRecord row, LedgerCommand onChain, String transactionId) {
        boolean written = repository.markIssued(onChain, transactionId);
        Optional<CommandRecord> now = repository.find(row.commandId());
        if (written
                || now.filter(current -> current.state() == CommandState.ISSUED).isPresent()) {
            String recorded = now.map(CommandRecord::issueTxId).orElse(null);
            announceIssued(row, transactionId != null ? transactionId : recorded);
        }
        return now;
    }

    /** Sends the {@code ISSUED} live event and wakes the device's waiters, unless this instance announced it before. */
    private void announceIssued(CommandRecord command, String transactionId) {
        synchronized (announcedIssued) {
            if (announcedIssued.put(command.commandId(), Boolean.TRUE) != null) {
                return;
            }
        }
        changed(command, CommandState.ISSUED, transactionId);
    }

    /**
     * Wakes whatever waits on this instance for a device's commands: its long polls, and its MQTT command push.
     *
     * @param deviceId the device
     */
    public void pending(String deviceId) {
        waiters.wake(deviceId);
        pending.publishEvent(new CommandPendingEvent(deviceId));
    }
}
