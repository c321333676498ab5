package org.biotdm.gateway.firmware;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.error.ApiException;

/**
 * Keeps the {@code firmware_images} table: the images this gateway published and serves. Every method throws 503
 * {@code DATABASE_UNAVAILABLE} ({@link ApiException}) when the database cannot be reached.
 */
@Singleton
class FirmwareImages {
    private static final String COLUMNS = "model, version, sequence, size, sha256, manifest_json, published_by,"
            + " published_at, publish_tx_id, revoked_at, revocation_reason";

    private final FirmwareJdbc jdbc;

    FirmwareImages(FirmwareJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a published image; a repeated upload of the same version keeps the first row. */
    void insert(FirmwareImageRow row) {
        jdbc.insert(
                "INSERT INTO firmware_images (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.model(),
                row.version(),
                row.sequence(),
                row.size(),
                row.sha256(),
                row.manifestJson(),
                row.publishedBy(),
                row.publishedAt(),
                row.publishTxId(),
                row.revokedAt(),
                row.revocationReason());
    }

    /** Reads one version. */
    Optional<FirmwareImageRow> find(String model, String version) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM firmware_images WHERE model = ? AND version = ?",
                        FirmwareImages::read,
                        model,
                        version)
                .stream()
                .findFirst();
    }

    /** The highest sequence number published for a model, 0 when none. */
    long highestSequence(String model) {
        return jdbc.query(
                        "SELECT COALESCE(MAX(sequence), 0) FROM firmware_images WHERE model = ?",
                        r -> r.getLong(1),
                        model)
                .get(0);
    }

    /** Lists the catalogue, newest first, optionally of one model. */
    List<FirmwareImageRow> list(String model, int limit) {
        if (model == null) {
            return jdbc.query(
                    "SELECT " + COLUMNS + " FROM firmware_images ORDER BY published_at DESC LIMIT ?",
                    FirmwareImages::read,
                    limit);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM firmware_images WHERE model = ? ORDER BY sequence DESC LIMIT ?",
                FirmwareImages::read,
                model,
                limit);
    }

    /** Records a revocation (the first one counts). */
    void revoke(String model, String version, long at, String reason) {
        jdbc.update(
                "UPDATE firmware_images SET revoked_at = ?, revocation_reason = ?"
                        + " WHERE model = ? AND version = ? AND revoked_at IS NULL",
                at,
                reason,
                model,
                version);
    }

    private static FirmwareImageRow read(ResultSet r) throws SQLException {
        return new FirmwareImageRow(
                r.getString(1),
                r.getString(2),
                r.getLong(3),
                r.getLong(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getLong(8),
                r.getString(9),
                r.getObject(10, Long.class),
                r.getString(11));
    }
}
