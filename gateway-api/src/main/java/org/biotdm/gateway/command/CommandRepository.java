package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Keeps the {@code commands} table (migration V40). Each method runs one auto-commit statement; state changes are
 * conditional updates ({@code WHERE state IN ...}) so racing writers and the ledger's answers never move a command
 * backwards. Every method throws {@link SQLException} when the database cannot be reached.
 */
@Singleton
public class CommandRepository {
    private static final String COLUMNS = "SELECT command_id, device_id, owner_msp, command_type, parameters_json,"
            + " parameters_sha256, request_sha256, state, issued_by_user_id, issued_by, issuer_fabric_id, grant_id,"
            + " created_at, issued_at, expires_at, issue_tx_id, delivered_at, deliver_tx_id, delivery_count,"
            + " completed_at, complete_tx_id, result_sha256, result_json, receipt_signature FROM commands";
    private static final String INSERT = "INSERT INTO commands (command_id, device_id, owner_msp, command_type,"
            + " parameters_json, parameters_sha256, request_sha256, state, issued_by_user_id, issued_by,"
            + " issuer_fabric_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'ISSUING', ?, ?, ?, ?, ?)";
    private static final String OPEN = "('ISSUED', 'DELIVERED')";

    private final DataSource dataSource;

    /**
     * Creates the repository.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy (statements run on their own, in auto-commit), or null
     */
    public CommandRepository(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Inserts a new command in state {@code ISSUING}.
     *
     * @param command the row (state, ledger fields and counters are ignored)
     * @return false when a command with this ID exists already
     * @throws SQLException when the database cannot be written
     */
    public boolean insertIssuing(CommandRecord command) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, command.commandId());
            statement.setString(2, command.deviceId());
            statement.setString(3, command.ownerMsp());
            statement.setString(4, command.commandType());
            statement.setString(5, command.parametersJson());
            statement.setString(6, command.parametersSha256());
            statement.setString(7, command.requestSha256());
            statement.setLong(8, command.issuedByUserId());
            statement.setString(9, command.issuedBy());
            statement.setString(10, command.issuerFabricId());
            statement.setLong(11, command.createdAt());
            statement.setLong(12, command.expiresAt());
            statement.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException e) {
            return false;
        }
    }

    /**
     * Reads one command.
     *
     * @param commandId the command ID
     * @return the row, or empty
     * @throws SQLException when the database cannot be read
     */
    public Optional<CommandRecord> find(String commandId) throws SQLException {
        List<CommandRecord> rows = query(COLUMNS + " WHERE command_id = ?", List.of(commandId));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Records the committed IssueCommand: {@code ISSUING → ISSUED}.
     *
     * @param command the ledger's record
     * @param transactionId the transaction
     * @return true when the row was ISSUING and changed
     * @throws SQLException when the database cannot be written
     */
    public boolean markIssued(LedgerCommand command, String transactionId) throws SQLException {
        return update(
                "UPDATE commands SET state = 'ISSUED', grant_id = ?, issued_at = ?, expires_at = ?, issue_tx_id = ?"
                        + " WHERE command_id = ? AND state = 'ISSUING'",
                command.grantId(),
                command.issuedAt(),
                command.expiresAt(),
                transactionId,
                command.commandId());
    }

    /**
     * Removes a command the ledger refused, so nothing half-written stays.
     *
     * @param commandId the command ID
     * @throws SQLException when the database cannot be written
     */
    public void deleteIssuing(String commandId) throws SQLException {
        update("DELETE FROM commands WHERE command_id = ? AND state = 'ISSUING'", commandId);
    }

    /**
     * Returns a device's commands a poll may hand out: ISSUED or DELIVERED (redelivery), not expired, oldest first.
     *
     * @param deviceId the device
     * @param now the current time, epoch ms
     * @param limit the most rows
     * @return the rows
     * @throws SQLException when the database cannot be read
     */
    public List<CommandRecord> deliverable(String deviceId, long now, int limit) throws SQLException {
        return query(
                COLUMNS + " WHERE device_id = ? AND state IN " + OPEN
                        + " AND expires_at > ? ORDER BY created_at, command_id LIMIT ?",
                List.of(deviceId, now, limit));
    }

    /**
     * Records a delivery: {@code ISSUED → DELIVERED}, or one more delivery of a DELIVERED command.
     *
     * @param commandId the command ID
     * @param deliveredAt the MarkCommandDelivered transaction time (kept from the first delivery)
     * @param transactionId the transaction (kept from the first delivery)
     * @return true when the row was ISSUED or DELIVERED
     * @throws SQLException when the database cannot be written
     */
    public boolean markDelivered(String commandId, long deliveredAt, @Nullable String transactionId)
            throws SQLException {
        return update(
                "UPDATE commands SET state = 'DELIVERED', delivered_at = COALESCE(delivered_at, ?),"
                        + " deliver_tx_id = COALESCE(deliver_tx_id, ?), delivery_count = delivery_count + 1"
                        + " WHERE command_id = ? AND state IN " + OPEN,
                deliveredAt,
                transactionId,
                commandId);
    }

    /**
     * Records a completion the ledger committed (or reported as done): the ledger is authoritative, so this also
     * overrides an {@code EXPIRED} the sweep set a moment early.
     *
     * @param command the ledger's record (status SUCCEEDED, FAILED or REJECTED)
     * @param transactionId the CompleteCommand transaction, or null when unknown
     * @param resultJson the canonical result the device sent, or null
     * @return true when the row changed
     * @throws SQLException when the database cannot be written
     */
    public boolean markCompleted(LedgerCommand command, @Nullable String transactionId, @Nullable String resultJson)
            throws SQLException {
        return update(
                "UPDATE commands SET state = ?, completed_at = ?, complete_tx_id = COALESCE(?, complete_tx_id),"
                        + " result_sha256 = ?, result_json = COALESCE(?, result_json), receipt_signature = ?,"
                        + " delivered_at = COALESCE(delivered_at, ?)"
                        + " WHERE command_id = ? AND state IN ('ISSUED', 'DELIVERED', 'EXPIRED')",
                command.status().name(),
                command.completedAt(),
                transactionId,
                command.resultSha256(),
                resultJson,
                command.receiptSignature(),
                command.deliveredAt(),
                command.commandId());
    }

    /**
     * Marks one command {@code EXPIRED} if it is still open and past its expiry.
     *
     * @param commandId the command ID
     * @param now the current time, epoch ms
     * @return true when the row changed
     * @throws SQLException when the database cannot be written
     */
    public boolean markExpired(String commandId, long now) throws SQLException {
        return update(
                "UPDATE commands SET state = 'EXPIRED', completed_at = ? WHERE command_id = ? AND state IN " + OPEN
                        + " AND expires_at <= ?",
                now,
                commandId,
                now);
    }

    /**
     * Returns open commands past their expiry.
     *
     * @param now the current time, epoch ms
     * @param limit the most rows
     * @return the rows
     * @throws SQLException when the database cannot be read
     */
    public List<CommandRecord> dueToExpire(long now, int limit) throws SQLException {
        return query(
                COLUMNS + " WHERE state IN " + OPEN + " AND expires_at <= ? ORDER BY expires_at LIMIT ?",
                List.of(now, limit));
    }

    /**
     * Returns commands still {@code ISSUING} (IssueCommand's outcome never learned) whose expiry has passed.
     *
     * @param now the current time, epoch ms
     * @param limit the most rows
     * @return the rows
     * @throws SQLException when the database cannot be read
     */
    public List<CommandRecord> staleIssuing(long now, int limit) throws SQLException {
        return query(
                COLUMNS + " WHERE state = 'ISSUING' AND expires_at <= ? ORDER BY expires_at LIMIT ?",
                List.of(now, limit));
    }

    /**
     * Settles a stale {@code ISSUING} command as {@code EXPIRED}: it committed on the ledger but was never recorded.
     *
     * @param command the ledger's record
     * @param now the current time, epoch ms
     * @return true when the row changed
     * @throws SQLException when the database cannot be written
     */
    public boolean expireIssuing(LedgerCommand command, long now) throws SQLException {
        return update(
                "UPDATE commands SET state = 'EXPIRED', grant_id = ?, issued_at = ?, completed_at = ?"
                        + " WHERE command_id = ? AND state = 'ISSUING'",
                command.grantId(),
                command.issuedAt(),
                now,
                command.commandId());
    }

    /**
     * Returns one page of commands, newest first, after a cursor.
     *
     * @param filter the filter; every value is bound as a parameter
     * @param limit the most rows
     * @return the rows
     * @throws SQLException when the database cannot be read
     */
    public List<CommandRecord> page(CommandFilter filter, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE state <> 'ISSUING'");
        List<Object> parameters = new ArrayList<>();
        if (filter.deviceId() != null) {
            sql.append(" AND device_id = ?");
            parameters.add(filter.deviceId());
        }
        if (filter.ownerMsp() != null) {
            sql.append(" AND owner_msp = ?");
            parameters.add(filter.ownerMsp());
        }
        if (filter.state() != null) {
            sql.append(" AND state = ?");
            parameters.add(filter.state().name());
        }
        if (filter.afterCreatedAt() != null) {
            sql.append(" AND (created_at < ? OR (created_at = ? AND command_id < ?))");
            parameters.add(filter.afterCreatedAt());
            parameters.add(filter.afterCreatedAt());
            parameters.add(filter.afterCommandId());
        }
        sql.append(" ORDER BY created_at DESC, command_id DESC LIMIT ?");
        parameters.add(limit);
        return query(sql.toString(), parameters);
    }

    private List<CommandRecord> query(String sql, List<?> parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters.toArray());
            List<CommandRecord> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(toRecord(result));
                }
            }
            return rows;
        }
    }

    private boolean update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate() > 0;
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else {
                statement.setString(i + 1, value.toString());
            }
        }
    }

    private static CommandRecord toRecord(ResultSet row) throws SQLException {
        return new CommandRecord(
                row.getString("command_id"),
                row.getString("device_id"),
                row.getString("owner_msp"),
                row.getString("command_type"),
                row.getString("parameters_json"),
                row.getString("parameters_sha256"),
                row.getString("request_sha256"),
                CommandState.valueOf(row.getString("state")),
                row.getLong("issued_by_user_id"),
                row.getString("issued_by"),
                row.getString("issuer_fabric_id"),
                row.getString("grant_id"),
                row.getLong("created_at"),
                nullableLong(row, "issued_at"),
                row.getLong("expires_at"),
                row.getString("issue_tx_id"),
                nullableLong(row, "delivered_at"),
                row.getString("deliver_tx_id"),
                row.getInt("delivery_count"),
                nullableLong(row, "completed_at"),
                row.getString("complete_tx_id"),
                row.getString("result_sha256"),
                row.getString("result_json"),
                row.getString("receipt_signature"));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /**
     * What {@link #page} selects.
     *
     * @param deviceId only this device, or null
     * @param ownerMsp only devices of this owner, or null
     * @param state only this state, or null
     * @param afterCreatedAt the cursor's creation time (rows strictly after it in the order), or null for the first page
     * @param afterCommandId the cursor's command ID, with {@code afterCreatedAt}
     */
    public record CommandFilter(
            @Nullable String deviceId,
            @Nullable String ownerMsp,
            @Nullable CommandState state,
            @Nullable Long afterCreatedAt,
            @Nullable String afterCommandId) {}
}
