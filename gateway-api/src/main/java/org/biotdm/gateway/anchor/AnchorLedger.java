package org.biotdm.gateway.anchor;

import java.util.Optional;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;

/** Typed access to the chaincode's telemetry anchors, submitted with the gateway's own identity. */
public interface AnchorLedger {

    /**
     * Submits {@code AnchorTelemetry} and waits for the commit. The chaincode accepts an identical anchor for a window
     * that is already anchored without change, so a retry after a crash is safe.
     *
     * @param anchor the anchor
     * @return the transaction ID and block number
     * @throws LedgerException {@code ANCHOR_CONFLICT} when a different anchor exists for the window, or a ledger
     *     failure (unavailable, MVCC conflict after retries, unknown commit outcome)
     */
    LedgerReceipt anchorTelemetry(TelemetryAnchor anchor) throws LedgerException;

    /**
     * Reads an anchor from the ledger.
     *
     * @param windowId the window's ledger ID
     * @return the anchor, or empty when the window was never anchored
     * @throws LedgerException when the ledger cannot be read
     */
    Optional<TelemetryAnchor> getAnchor(String windowId) throws LedgerException;
}
