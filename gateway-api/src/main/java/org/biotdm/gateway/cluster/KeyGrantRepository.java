package org.biotdm.gateway.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biotdm.protocol.cluster.KeyGrant;

/** JDBC access to {@code cluster_key_grants} and {@code cluster_grant_batches} (V84); the caller owns transactions. */
final class KeyGrantRepository {

    /** A grant hash waiting for, or placed in, a batch. */
    record Row(String keyId, String grantSha256, long recordedAt) {}

    /** A sealed batch: the Merkle root over its grant hashes in {@code leaf_index} order. */
    record Batch(String batchId, long startTime, long endTime, String merkleRoot, int leafCount) {}

    /** Where a grant sits: its batch (absent before sealing) and leaf index. */
    record Placement(String keyId, String batchId, int leafIndex) {}

    /** A sealed batch with its anchoring state: the transaction and block are absent until the ledger confirmed. */
    record BatchState(Batch batch, String status, String txId, Long blockNumber) {}

    /**
     * Records a grant once; a retry of the same grant changes nothing.
     *
     * @return the grant hash recorded under the key ID (another grant's when the key ID was used before)
     */
    String insert(Connection c, KeyGrant grant, long recordedAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO cluster_key_grants (key_id,"
                + " grant_sha256, head_id, first_member, second_member, issued_at, expires_at, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, grant.keyIdHex());
            insert.setString(2, grant.sha256Hex());
            insert.setString(3, grant.head());
            insert.setString(4, grant.first());
            insert.setString(5, grant.second());
            insert.setLong(6, grant.issuedAt());
            insert.setLong(7, grant.expiresAt());
            insert.setLong(8, recordedAt);
            insert.executeUpdate();
        }
        try (PreparedStatement select =
                c.prepareStatement("SELECT grant_sha256 FROM cluster_key_grants WHERE key_id = ?")) {
            select.setString(1, grant.keyIdHex());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** Locks the oldest grants not yet in a batch. */
    List<Row> claimUnbatched(Connection c, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT key_id, grant_sha256, recorded_at"
                + " FROM cluster_key_grants WHERE batch_id IS NULL ORDER BY recorded_at, key_id LIMIT ?"
                + " FOR UPDATE SKIP LOCKED")) {
            select.setInt(1, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getLong(3)));
                }
            }
            return rows;
        }
    }

    /** Places the rows in a sealed batch, each at its leaf index. */
    void seal(Connection c, Batch batch, List<Row> rows) throws SQLException {
        try (PreparedStatement update =
                c.prepareStatement("UPDATE cluster_key_grants SET batch_id = ?, leaf_index = ? WHERE key_id = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                update.setString(1, batch.batchId());
                update.setInt(2, i);
                update.setString(3, rows.get(i).keyId());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO cluster_grant_batches (batch_id, start_time,"
                + " end_time, merkle_root, leaf_count, status) VALUES (?, ?, ?, ?, ?, 'SEALED')")) {
            insert.setString(1, batch.batchId());
            insert.setLong(2, batch.startTime());
            insert.setLong(3, batch.endTime());
            insert.setString(4, batch.merkleRoot());
            insert.setInt(5, batch.leafCount());
            insert.executeUpdate();
        }
    }

    /** Returns the oldest sealed batch not yet anchored. */
    Optional<Batch> oldestSealed(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                        "SELECT batch_id, start_time, end_time, merkle_root,"
                                + " leaf_count FROM cluster_grant_batches WHERE status = 'SEALED' ORDER BY start_time LIMIT 1");
                ResultSet rows = select.executeQuery()) {
            return rows.next()
                    ? Optional.of(new Batch(
                            rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getString(4), rows.getInt(5)))
                    : Optional.empty();
        }
    }

    /** Marks a batch anchored by a committed transaction. */
    void anchored(Connection c, String batchId, String txId, long blockNumber) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE cluster_grant_batches SET status = 'ANCHORED',"
                + " tx_id = ?, block_number = ? WHERE batch_id = ?")) {
            update.setString(1, txId);
            update.setLong(2, blockNumber);
            update.setString(3, batchId);
            update.executeUpdate();
        }
    }

    /** Finds the grant of this hash that this head recorded. */
    Optional<Placement> place(Connection c, String headId, String grantSha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT key_id, batch_id, leaf_index FROM cluster_key_grants"
                + " WHERE grant_sha256 = ? AND head_id = ? LIMIT 1")) {
            select.setString(1, grantSha256);
            select.setString(2, headId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Placement(rows.getString(1), rows.getString(2), rows.getInt(3)))
                        : Optional.empty();
            }
        }
    }

    /** Returns a batch and its anchoring state. */
    Optional<BatchState> batch(Connection c, String batchId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT batch_id, start_time, end_time, merkle_root,"
                + " leaf_count, status, tx_id, block_number FROM cluster_grant_batches WHERE batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long block = rows.getLong(8);
                return Optional.of(new BatchState(
                        new Batch(
                                rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getString(4), rows.getInt(5)),
                        rows.getString(6),
                        rows.getString(7),
                        rows.wasNull() ? null : block));
            }
        }
    }

    /** Returns the grant hashes of a batch in leaf order, 64 hex digits each. */
    List<String> batchHashes(Connection c, String batchId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT grant_sha256 FROM cluster_key_grants WHERE batch_id = ? ORDER BY leaf_index")) {
            select.setString(1, batchId);
            List<String> hashes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hashes.add(rows.getString(1));
                }
            }
            return hashes;
        }
    }
}
