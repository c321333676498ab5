package org.biotdm.gateway.anchor;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.protocol.anchor.MerkleTree;

/**
 * Seals anchoring windows in order, none skipped: for each window it fixes the Merkle tree over the window's
 * readings, numbers the rows, and writes the anchor to the outbox, all in one transaction.
 *
 * <p>Writers hold a shared lock on their window's {@code anchor_windows} row while they insert ({@link
 * AnchorWindowGate}); sealing takes that row exclusively ({@code SELECT … FOR UPDATE}), so it waits for writers in
 * flight, and no reading joins a window after it is sealed. A window is sealed once {@code now ≥ end + grace}. Any
 * number of sealers (threads or gateway instances on one database) may run: whoever locks the row first while it is
 * {@code OPEN} seals it, the others find it {@code SEALED} and move on.
 */
public final class WindowSealer {
    /** What {@link #seal(long)} did. */
    public enum Outcome {
        /** This call sealed the window. */
        SEALED,
        /** The window was already sealed (by another sealer). */
        ALREADY_SEALED
    }

    private final DataSource dataSource;
    private final WindowLayout layout;
    private final long graceMs;
    private final int maxSealsPerRun;
    private final long startWindow;
    private final JsonMapper json;
    private final WindowRepository windows;
    private final OutboxRepository outbox = new OutboxRepository();

    /**
     * Creates a sealer.
     *
     * @param dataSource the database
     * @param layout the window layout
     * @param configuration grace period and run size
     * @param startWindow the window the service started in: the first window sealed when the database holds no
     *     windows and no telemetry yet
     * @param json the JSON mapper for outbox payloads
     */
    public WindowSealer(
            DataSource dataSource,
            WindowLayout layout,
            AnchoringConfiguration configuration,
            long startWindow,
            JsonMapper json) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.graceMs = configuration.grace().toMillis();
        this.maxSealsPerRun = configuration.maxSealsPerRun();
        this.startWindow = startWindow;
        this.json = Objects.requireNonNull(json, "json");
        this.windows = new WindowRepository(layout);
    }

    /**
     * Opens the current and next window ahead of writers, then seals every due window in order.
     *
     * @param nowMillis the current time, epoch milliseconds
     * @return the windows this call sealed (others may have been sealed by other sealers meanwhile)
     * @throws SQLException on database failure; the window that failed is retried on the next run
     */
    public List<Long> sealDue(long nowMillis) throws SQLException {
        long current = layout.windowOf(nowMillis);
        Jdbc.autoCommit(dataSource, c -> {
            windows.ensureOpen(c, current);
            windows.ensureOpen(c, current + 1);
            return null;
        });
        List<Long> sealed = new ArrayList<>();
        long next = nextToSeal();
        for (int run = 0; run < maxSealsPerRun && isDue(next, nowMillis); run++, next++) {
            if (seal(next) == Outcome.SEALED) {
                sealed.add(next);
            }
        }
        return sealed;
    }

    /**
     * Returns whether a window may be sealed.
     *
     * @param window the window number
     * @param nowMillis the current time, epoch milliseconds
     * @return whether {@code now ≥ end(window) + grace}
     */
    public boolean isDue(long window, long nowMillis) {
        return nowMillis >= layout.endOf(window) + graceMs;
    }

    /**
     * Returns the oldest window not sealed yet: the one after the newest sealed window, or on a fresh database the
     * oldest window that has a row or telemetry, or the start window.
     *
     * @return the window number
     * @throws SQLException on database failure
     */
    public long nextToSeal() throws SQLException {
        return Jdbc.autoCommit(dataSource, c -> {
            Optional<Long> last = windows.lastSealed(c);
            if (last.isPresent()) {
                return last.get() + 1;
            }
            return Math.min(startWindow, windows.firstKnown(c).orElse(startWindow));
        });
    }

    /**
     * Seals one window if it is still open (creating its row first when no writer did, so an empty window is
     * anchored with 0 leaves). The caller is responsible for order and for the grace period.
     *
     * @param window the window number
     * @return whether this call sealed it
     * @throws SQLException on database failure; nothing is written then
     */
    public Outcome seal(long window) throws SQLException {
        Jdbc.autoCommit(dataSource, c -> {
            windows.ensureOpen(c, window);
            return null;
        });
        return Jdbc.inTransaction(dataSource, c -> {
            String status = windows.lockForSealing(c, window).orElseThrow();
            if (!WindowRecord.OPEN.equals(status)) {
                return Outcome.ALREADY_SEALED;
            }
            sealLocked(c, window);
            return Outcome.SEALED;
        });
    }

    private void sealLocked(Connection c, long window) throws SQLException {
        List<StoredReading> readings = windows.readings(c, window);
        List<byte[]> hashes = new ArrayList<>(readings.size());
        for (StoredReading reading : readings) {
            hashes.add(reading.leaf().hash());
        }
        MerkleTree tree = MerkleTree.ofLeafHashes(hashes);
        TelemetryAnchor anchor = new TelemetryAnchor(
                layout.ledgerId(window),
                layout.startOf(window),
                layout.endOf(window),
                tree.rootHex(),
                tree.leafCount(),
                MerkleTree.SCHEME);
        windows.insertLeaves(c, window, readings, hashes);
        windows.markSealed(c, window, anchor);
        outbox.insert(c, window, payload(anchor));
    }

    private String payload(TelemetryAnchor anchor) {
        try {
            return json.writeValueAsString(AnchorPayload.of(anchor));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the anchor payload", e);
        }
    }
}
