package org.biotdm.gateway.command;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.gateway.live.LiveEvent;

/**
 * Tells the rest of the gateway about command state changes: a {@link LiveEvent} of type {@value #TYPE} for people
 * watching {@code /ws/events}, and, when a command is issued, a wake-up for the device's waiting long poll and a
 * {@link CommandPendingEvent} for the transports that push.
 */
@Singleton
final class CommandEvents {
    /** The live event type of command state changes. */
    public static final String TYPE = "command";

    private final ApplicationEventPublisher<LiveEvent> publisher;
    private final ApplicationEventPublisher<CommandPendingEvent> pending;
    private final CommandWaiters waiters;

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
     * Wakes whatever waits on this instance for a device's commands: its long polls, and its MQTT command push.
     *
     * @param deviceId the device
     */
    public void pending(String deviceId) {
        waiters.wake(deviceId);
        pending.publishEvent(new CommandPendingEvent(deviceId));
    }
}
