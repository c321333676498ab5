package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.jpa.criteria.PersistentEntityCriteriaBuilder;
import io.micronaut.data.model.jpa.criteria.PersistentEntityCriteriaQuery;
import io.micronaut.data.model.jpa.criteria.PersistentEntityRoot;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.biotdm.gateway.db.Databases;

/**
 * Keeps the {@code commands} table (migration V40) through Micronaut Data. Each method runs one auto-commit
 * statement; state changes are conditional updates ({@code WHERE state IN ...}, written as {@link Query} because
 * their affected-row count is the answer) so racing writers and the ledger's answers never move a command
 * backwards. Every method throws {@link DataAccessException} (or Micronaut Data's connection exception) when the
 * database cannot be reached.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class CommandRepository
        implements GenericRepository<CommandRecord, String>, JpaSpecificationExecutor<CommandRecord> {
    /** The states a poll may hand out and the expiry sweep may expire. */
    private static final Set<CommandState> OPEN = Set.of(CommandState.ISSUED, CommandState.DELIVERED);

    /**
     * Inserts a new command in state {@code ISSUING}.
     *
     * @param command the new row, in state {@code ISSUING}, without ledger fields, never delivered
     * @return false when a command with this ID exists already
     * @throws IllegalArgumentException when the row is not in state {@code ISSUING}
     * @throws DataAccessException when the database cannot be written
     */
    boolean insertIssuing(CommandRecord command) {
        if (command.state() != CommandState.ISSUING) {
            throw new IllegalArgumentException("a new command starts ISSUING, not " + command.state());
        }
        try {
            save(command);
            return true;
        } catch (DataAccessException e) {
            if (Databases.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Inserts a row as it is.
     *
     * @param command the row
     * @return the row
     */
    abstract CommandRecord save(CommandRecord command);

    /**
     * Reads one command.
     *
     * @param commandId the command ID
     * @return the row, or empty
     */
    abstract Optional<CommandRecord> find(String commandId);

    /**
     * Records the committed IssueCommand: {@code ISSUING → ISSUED}.
     *
     * @param command the ledger's record
     * @param transactionId the transaction
     * @return true when the row was ISSUING and changed
     */
    boolean markIssued(LedgerCommand command, String transactionId) {
        return issue(command.commandId(), command.grantId(), command.issuedAt(), command.expiresAt(), transactionId)
                > 0;
    }

    @Query("UPDATE commands SET state = 'ISSUED', grant_id = :grantId, issued_at = :issuedAt,"
            + " expires_at = :expiresAt, issue_tx_id = :transactionId"
            + " WHERE command_id = :commandId AND state = 'ISSUING'")
    abstract int issue(String commandId, @Nullable String grantId, long issuedAt, long expiresAt, String transactionId);

    /**
     * Removes a command the ledger refused, so nothing half-written stays.
     *
     * @param commandId the command ID
     */
    @Query("DELETE FROM commands WHERE command_id = :commandId AND state = 'ISSUING'")
    abstract void deleteIssuing(String commandId);

    /**
     * Returns a device's commands a poll may hand out: ISSUED or DELIVERED (redelivery), not expired, oldest first.
     *
     * @param deviceId the device
     * @param now the current time, epoch ms
     * @param limit the most rows
     * @return the rows
     */
    List<CommandRecord> deliverable(String deviceId, long now, int limit) {
        return findByDeviceIdAndStateInAndExpiresAtGreaterThan(
                deviceId, OPEN, now, first(limit, Sort.Order.asc("createdAt"), Sort.Order.asc("commandId")));
    }

    abstract List<CommandRecord> findByDeviceIdAndStateInAndExpiresAtGreaterThan(
            String deviceId, Collection<CommandState> states, long now, Pageable pageable);

    /**
     * Records a delivery: {@code ISSUED → DELIVERED}, or one more delivery of a DELIVERED command.
     *
     * @param commandId the command ID
     * @param deliveredAt the MarkCommandDelivered transaction time (kept from the first delivery)
     * @param transactionId the transaction (kept from the first delivery)
     * @return true when the row was ISSUED or DELIVERED
     */
    boolean markDelivered(String commandId, long deliveredAt, @Nullable String transactionId) {
        return deliver(commandId, deliveredAt, transactionId) > 0;
    }

    @Query("UPDATE commands SET state = 'DELIVERED', delivered_at = COALESCE(delivered_at, :deliveredAt),"
            + " deliver_tx_id = COALESCE(deliver_tx_id, :transactionId), delivery_count = delivery_count + 1"
            + " WHERE command_id = :commandId AND state IN ('ISSUED', 'DELIVERED')")
    abstract int deliver(String commandId, long deliveredAt, @Nullable String transactionId);

    /**
     * Records a completion the ledger committed (or reported as done): the ledger is authoritative, so this also
     * overrides an {@code EXPIRED} the sweep set a moment early.
     *
     * @param command the ledger's record (status SUCCEEDED, FAILED or REJECTED)
     * @param transactionId the CompleteCommand transaction, or null when unknown
     * @param resultJson the canonical result the device sent, or null
     * @return true when the row changed
     */
    boolean markCompleted(LedgerCommand command, @Nullable String transactionId, @Nullable String resultJson) {
        return complete(
                        command.commandId(),
                        command.status().name(),
                        command.completedAt(),
                        transactionId,
                        command.resultSha256(),
                        resultJson,
                        command.receiptSignature(),
                        command.deliveredAt())
                > 0;
    }

    @Query("UPDATE commands SET state = :state, completed_at = :completedAt,"
            + " complete_tx_id = COALESCE(:transactionId, complete_tx_id), result_sha256 = :resultSha256,"
            + " result_json = COALESCE(:resultJson, result_json), receipt_signature = :receiptSignature,"
            + " delivered_at = COALESCE(delivered_at, :deliveredAt)"
            + " WHERE command_id = :commandId AND state IN ('ISSUED', 'DELIVERED', 'EXPIRED')")
    abstract int complete(
            String commandId,
            String state,
            @Nullable Long completedAt,
            @Nullable String transactionId,
            @Nullable String resultSha256,
            @Nullable String resultJson,
            @Nullable String receiptSignature,
            @Nullable Long deliveredAt);

    /**
     * Marks one command {@code EXPIRED} if it is still open and past its expiry.
     *
     * @param commandId the command ID
     * @param now the current time, epoch ms
     * @return true when the row changed
     */
    boolean markExpired(String commandId, long now) {
        return expire(commandId, now) > 0;
    }

    @Query("UPDATE commands SET state = 'EXPIRED', completed_at = :now"
            + " WHERE command_id = :commandId AND state IN ('ISSUED', 'DELIVERED') AND expires_at <= :now")
    abstract int expire(String commandId, long now);

    /**
     * Returns open commands past their expiry.
     *
     * @param now the current time, epoch ms
     * @param limit the most rows
     * @return the rows
     */
    List<CommandRecord> dueToExpire(long now, int limit) {
        return findByStateInAndExpiresAtLessThanEquals(OPEN, now, first(limit, Sort.Order.asc("expiresAt")));
    }

    abstract List<CommandRecord> findByStateInAndExpiresAtLessThanEquals(
            Collection<CommandState> states, long now, Pageable pageable);

    /**
     * Returns commands still {@code ISSUING} (IssueCommand's outcome never learned) whose expiry has passed.
     *
     * @param now the current time, epoch ms
     * @param limit the most rows
     * @return the rows
     */
    List<CommandRecord> staleIssuing(long now, int limit) {
        return findByStateAndExpiresAtLessThanEquals(
                CommandState.ISSUING, now, first(limit, Sort.Order.asc("expiresAt")));
    }

    abstract List<CommandRecord> findByStateAndExpiresAtLessThanEquals(CommandState state, long now, Pageable pageable);

    /**
     * Settles a stale {@code ISSUING} command as {@code EXPIRED}: it committed on the ledger but was never recorded.
     *
     * @param command the ledger's record
     * @param now the current time, epoch ms
     * @return true when the row changed
     */
    boolean expireIssuing(LedgerCommand command, long now) {
        return settleIssuing(command.commandId(), command.grantId(), command.issuedAt(), now) > 0;
    }

    @Query("UPDATE commands SET state = 'EXPIRED', grant_id = :grantId, issued_at = :issuedAt, completed_at = :now"
            + " WHERE command_id = :commandId AND state = 'ISSUING'")
    abstract int settleIssuing(String commandId, @Nullable String grantId, long issuedAt, long now);

    /**
     * Returns one page of commands, newest first, after a cursor. Built with the criteria API because every filter
     * is optional; every value is bound as a parameter.
     *
     * @param filter the filter
     * @param limit the most rows
     * @return the rows
     */
    List<CommandRecord> page(CommandFilter filter, int limit) {
        return findAll(builder -> {
            PersistentEntityCriteriaBuilder criteria = (PersistentEntityCriteriaBuilder) builder;
            PersistentEntityCriteriaQuery<CommandRecord> query = criteria.createQuery(CommandRecord.class);
            PersistentEntityRoot<CommandRecord> row = query.from(CommandRecord.class);
            query.where(filter.predicates(criteria, row).toArray(Predicate[]::new));
            query.orderBy(criteria.desc(row.get("createdAt")), criteria.desc(row.get("commandId")));
            return query.limit(limit);
        });
    }

    private static Pageable first(int limit, Sort.Order... order) {
        return Pageable.from(0, limit, Sort.of(order));
    }

    /**
     * What {@link #page} selects. Listings never show {@code ISSUING} rows (their outcome is not known yet).
     *
     * @param deviceId only this device, or null
     * @param ownerMsp only devices of this owner, or null
     * @param state only this state, or null
     * @param afterCreatedAt the cursor's creation time (rows strictly after it in the order), or null for the first page
     * @param afterCommandId the cursor's command ID, with {@code afterCreatedAt}
     */
    record CommandFilter(
            @Nullable String deviceId,
            @Nullable String ownerMsp,
            @Nullable CommandState state,
            @Nullable Long afterCreatedAt,
            @Nullable String afterCommandId) {

        private List<Predicate> predicates(
                PersistentEntityCriteriaBuilder criteria, PersistentEntityRoot<CommandRecord> row) {
            List<Predicate> where = new ArrayList<>();
            where.add(criteria.notEqual(row.get("state"), CommandState.ISSUING));
            if (deviceId != null) {
                where.add(criteria.equal(row.get("deviceId"), deviceId));
            }
            if (ownerMsp != null) {
                where.add(criteria.equal(row.get("ownerMsp"), ownerMsp));
            }
            if (state != null) {
                where.add(criteria.equal(row.get("state"), state));
            }
            if (afterCreatedAt != null) {
                where.add(criteria.or(
                        criteria.lessThan(row.<Long>get("createdAt"), afterCreatedAt),
                        criteria.and(
                                criteria.equal(row.get("createdAt"), afterCreatedAt),
                                criteria.lessThan(row.<String>get("commandId"), afterCommandId))));
            }
            return where;
        }
    }
}
