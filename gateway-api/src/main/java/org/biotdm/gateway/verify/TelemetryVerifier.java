package org.biotdm.gateway.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.AnchorLedger;
import org.biotdm.gateway.anchor.OutboxEntry;
import org.biotdm.gateway.anchor.OutboxRepository;
import org.biotdm.gateway.anchor.StoredReading;
import org.biotdm.gateway.anchor.TelemetryAnchor;
import org.biotdm.gateway.anchor.WindowLayout;
import org.biotdm.gateway.anchor.WindowRecord;
import org.biotdm.gateway.anchor.WindowRepository;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.protocol.anchor.MerkleTree;

/**
 * Verifies stored telemetry against the ledger, window by window: recomputes each root from all the window's rows in
 * MariaDB, reads the anchor with {@code GetAnchor}, and names the rows that changed, disappeared or appeared.
 *
 * <p>Every window whose interval meets {@code [from, to)} is examined, whether or not the database still has a row
 * for it, so deleting a whole window's records does not hide it: the ledger still holds its anchor under the ID the
 * configuration gives. Windows not due for sealing yet are reported {@code OPEN} without asking the ledger.
 */
final class TelemetryVerifier {
    private final DataSource dataSource;
    private final AnchorLedger ledger;
    private final WindowLayout layout;
    private final long graceMs;
    private final WindowRepository windows;
    private final OutboxRepository outbox = new OutboxRepository();

    /**
     * Creates the verifier.
     *
     * @param dataSource the database
     * @param ledger the ledger
     * @param layout the window layout
     * @param graceMs the sealing grace period, milliseconds
     */
    public TelemetryVerifier(DataSource dataSource, AnchorLedger ledger, WindowLayout layout, long graceMs) {
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.layout = layout;
        this.graceMs = graceMs;
        this.windows = new WindowRepository(layout);
    }

    /**
     * Returns the number of windows a range touches.
     *
     * @param from the range start, epoch milliseconds, inclusive
     * @param to the range end, epoch milliseconds, exclusive, after {@code from}
     * @return the window count
     */
    public long windowCount(long from, long to) {
        return layout.windowOf(to - 1) - layout.windowOf(from) + 1;
    }

    /**
     * Verifies the windows touching a range.
     *
     * @param device the device to report on, or null for all; windows without its rows are left out unless they
     *     mismatch (a deleted row no longer says whose it was)
     * @param from the range start, epoch milliseconds, inclusive
     * @param to the range end, epoch milliseconds, exclusive, after {@code from}
     * @param nowMillis the current time, epoch milliseconds
     * @return the report
     * @throws SQLException when the database fails
     * @throws LedgerException when the ledger cannot be read
     */
    public VerifyResponse verify(String device, long from, long to, long nowMillis)
            throws SQLException, LedgerException {
        long first = layout.windowOf(from);
        long last = layout.windowOf(to - 1);
        List<WindowVerification> results = new ArrayList<>();
        long readings = 0;
        try (Connection c = dataSource.getConnection()) {
            Map<Long, WindowRecord> rows = new HashMap<>();
            for (WindowRecord row : windows.findRange(c, first, last)) {
                rows.put(row.window(), row);
            }
            for (long window = first; window <= last; window++) {
                Optional<Checked> checked = check(c, window, rows.get(window), device, nowMillis);
                if (checked.isPresent()) {
                    results.add(checked.get().result());
                    readings += checked.get().deviceRows();
                }
            }
        }
        return new VerifyResponse(device, from, to, summary(results, readings), results);
    }

    private record Checked(WindowVerification result, long deviceRows) {}

    private Optional<Checked> check(Connection c, long window, WindowRecord row, String device, long nowMillis)
            throws SQLException, LedgerException {
        List<StoredReading> rows = windows.readings(c, window);
        boolean due = nowMillis >= layout.endOf(window) + graceMs;
        String ledgerId = row != null && row.ledgerWindowId() != null ? row.ledgerWindowId() : layout.ledgerId(window);
        Optional<TelemetryAnchor> anchor =
                due && (row == null || row.isSealed()) ? ledger.getAnchor(ledgerId) : Optional.empty();
        WindowDiff diff =
                WindowDiff.of(rows, row != null && row.isSealed() ? windows.leaves(c, window) : List.of(), device);
        String status = status(row, rows, anchor, diff, due);
        if (status == null
                || (device != null && diff.deviceRows() == 0 && !WindowVerification.MISMATCH.equals(status))) {
            return Optional.empty();
        }
        Optional<OutboxEntry> confirmed = outbox.find(c, window).filter(e -> e.transactionId() != null);
        boolean compared = anchor.isPresent();
        boolean mismatch = WindowVerification.MISMATCH.equals(status);
        WindowVerification result = new WindowVerification(
                ledgerId,
                window,
                layout.startOf(window),
                layout.endOf(window),
                status,
                compared ? !mismatch : null,
                anchor.map(TelemetryAnchor::merkleRoot).orElse(null),
                diff.recomputedRoot(),
                diff.leafCount(),
                anchor.map(TelemetryAnchor::leafCount).orElse(null),
                anchor.map(TelemetryAnchor::hashScheme).orElse(null),
                confirmed.map(OutboxEntry::transactionId).orElse(null),
                confirmed.map(OutboxEntry::blockNumber).orElse(null),
                compared && row != null && row.isSealed() ? intact(diff, anchor.get()) : null,
                mismatch ? diff.changed() : List.of(),
                mismatch ? diff.missing() : List.of(),
                mismatch ? diff.extra() : List.of(),
                mismatch ? diff.inconsistent() : List.of());
        return Optional.of(new Checked(result, diff.deviceRows()));
    }

    /** Returns the window's status, or null when there is nothing to report (no row, no rows, no anchor). */
    private static String status(
            WindowRecord row,
            List<StoredReading> rows,
            Optional<TelemetryAnchor> anchor,
            WindowDiff diff,
            boolean due) {
        if (anchor.isPresent()) {
            TelemetryAnchor onChain = anchor.get();
            boolean same = onChain.merkleRoot().equals(diff.recomputedRoot())
                    && onChain.leafCount() == diff.leafCount()
                    && MerkleTree.SCHEME.equals(onChain.hashScheme())
                    && diff.inconsistent().isEmpty();
            return same ? WindowVerification.MATCH : WindowVerification.MISMATCH;
        }
        if (row == null) {
            if (rows.isEmpty()) {
                return null;
            }
            return due ? WindowVerification.MISMATCH : WindowVerification.OPEN;
        }
        if (!row.isSealed()) {
            return WindowVerification.OPEN;
        }
        if (WindowRecord.ANCHORED.equals(row.status())) {
            return WindowVerification.MISMATCH;
        }
        return WindowVerification.NOT_ANCHORED;
    }

    private static boolean intact(WindowDiff diff, TelemetryAnchor onChain) {
        return diff.recordedRoot().equals(onChain.merkleRoot()) && diff.recordedCount() == onChain.leafCount();
    }

    private static VerifyResponse.Summary summary(List<WindowVerification> results, long readings) {
        int ok = 0;
        int mismatched = 0;
        int pending = 0;
        for (WindowVerification result : results) {
            switch (result.status()) {
                case WindowVerification.MATCH -> ok++;
                case WindowVerification.MISMATCH -> mismatched++;
                default -> pending++;
            }
        }
        return new VerifyResponse.Summary(results.size(), ok, mismatched, pending, readings);
    }
}
