package org.biotdm.gateway.command;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks open commands ({@code ISSUED}, {@code DELIVERED}) whose expiry has passed as {@code EXPIRED} off-chain, every
 * {@code biotdm.commands.expiry-sweep-interval}, and announces each. The chaincode has no expired state; it refuses
 * late delivery and completion with {@code COMMAND_EXPIRED} by itself, and polls never hand out an expired command
 * even before the sweep got to it.
 */
@Singleton
final class CommandExpirySweep {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExpirySweep.class);
    private static final int BATCH = 500;

    private final CommandRepository repository;
    private final CommandLedger ledger;
    private final CommandEvents events;
    private String lastFailure;

    /**
     * Creates the sweep.
     *
     * @param repository the {@code commands} table
     * @param ledger the commands contract, for settling commands whose IssueCommand outcome was never learned
     * @param events announces state changes
     */
    public CommandExpirySweep(CommandRepository repository, CommandLedger ledger, CommandEvents events) {
        this.repository = repository;
        this.ledger = ledger;
        this.events = events;
    }

    /** Runs one sweep; a database outage is logged once per distinct reason and retried on the next run. */
    @Scheduled(
            fixedDelay = "${biotdm.commands.expiry-sweep-interval}",
            initialDelay = "${biotdm.commands.expiry-sweep-interval}")
    public void run() {
        try {
            sweep(System.currentTimeMillis());
            lastFailure = null;
        } catch (DataAccessException | CannotGetJdbcConnectionException | LedgerException e) {
            String reason = String.valueOf(e.getMessage());
            if (!reason.equals(lastFailure)) {
                LOG.warn("command expiry sweep failed, retrying on the next run: {}", reason);
                lastFailure = reason;
            }
        }
    }

    /**
     * Expires every open command past its expiry at a given time, and settles commands left {@code ISSUING} (their
     * IssueCommand outcome was unknown and nobody retried) once expired: {@code EXPIRED} when the ledger has them,
     * removed when it does not.
     *
     * @param now the time, epoch ms
     * @return how many commands were marked or removed
     * @throws DataAccessException when the database cannot be reached
     * @throws LedgerException when the ledger cannot be read
     */
    public int sweep(long now) throws LedgerException {
        int marked = 0;
        for (CommandRecord stale : repository.staleIssuing(now, BATCH)) {
            Optional<LedgerCommand> onChain = ledger.get(stale.commandId());
            if (onChain.isEmpty()) {
                repository.deleteIssuing(stale.commandId());
                marked++;
            } else if (repository.expireIssuing(onChain.get(), now)) {
                events.changed(stale, CommandState.EXPIRED, null);
                marked++;
            }
        }
        for (CommandRecord command : repository.dueToExpire(now, BATCH)) {
            if (repository.markExpired(command.commandId(), now)) {
                events.changed(command, CommandState.EXPIRED, null);
                marked++;
            }
        }
        return marked;
    }
}
