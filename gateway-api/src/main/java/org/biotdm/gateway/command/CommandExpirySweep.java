package org.biotdm.gateway.command;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks open commands ({@code ISSUED}, {@code DELIVERED}) whose expiry has passed as {@code EXPIRED} off-chain, every
 * {@code biotdm.commands.expiry-sweep-interval}, and announces each. The chaincode has no expired state; it refuses
 * late delivery and completion with {@code COMMAND_EXPIRED} by itself, and polls never hand out an expired command
 * even before the sweep got to it.
 */
@Singleton
public class CommandExpirySweep {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExpirySweep.class);
    private static final int BATCH = 500;

    private final CommandRepository repository;
    private final CommandEvents events;
    private String lastFailure;

    /**
     * Creates the sweep.
     *
     * @param repository the {@code commands} table
     * @param events announces state changes
     */
    public CommandExpirySweep(CommandRepository repository, CommandEvents events) {
        this.repository = repository;
        this.events = events;
    }

    /** Runs one sweep; a database outage is logged once per distinct reason and retried on the next run. */
    @Scheduled(
            fixedDelay = "${biotdm.commands.expiry-sweep-interval:5s}",
            initialDelay = "${biotdm.commands.expiry-sweep-interval:5s}")
    public void run() {
        try {
            sweep(System.currentTimeMillis());
            lastFailure = null;
        } catch (SQLException e) {
            String reason = String.valueOf(e.getMessage());
            if (!reason.equals(lastFailure)) {
                LOG.warn("command expiry sweep failed, retrying on the next run: {}", reason);
                lastFailure = reason;
            }
        }
    }

    /**
     * Expires every open command past its expiry at a given time.
     *
     * @param now the time, epoch ms
     * @return how many commands were marked
     * @throws SQLException when the database cannot be reached
     */
    public int sweep(long now) throws SQLException {
        int marked = 0;
        for (CommandRecord command : repository.dueToExpire(now, BATCH)) {
            if (repository.markExpired(command.commandId(), now)) {
                events.changed(command, CommandState.EXPIRED, null);
                marked++;
            }
        }
        return marked;
    }
}
