package org.biotdm.gateway.command;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.gateway.live.LiveEvent;

/**
 * Tells the rest of the gateway about command state changes: a {@link LiveEvent} of type {@value #TYPE} for people
 * watching {@code /ws/events}, and a wake-up for the device's waiting long poll when a command is issued.
 */
@Singleton
public class CommandEvents {
    /** The live event type of command state changes. */
    public static final String TYPE = "command";

    private final ApplicationEventPublisher<LiveEvent> publisher;
    private final CommandWaiters waiters;

    /**
     * Creates the publisher.
     *
     * @param publisher publishes live events (never blocks)
     * @param waiters the waiting device polls
     */
    public CommandEvents(ApplicationEventPublisher<LiveEvent> publisher, CommandWaiters waiters) {
        this.publisher = publisher;
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
            waiters.wake(command.deviceId());
        }
    }
}
