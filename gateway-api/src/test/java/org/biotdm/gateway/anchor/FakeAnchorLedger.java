package org.biotdm.gateway.anchor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;

/**
 * An in-memory ledger with the chaincode's AnchorTelemetry semantics: the first anchor of a window ID is written (one
 * "TelemetryAnchored" event), an identical one is accepted without writing, a different one fails with {@code
 * ANCHOR_CONFLICT}. Every call gets its own transaction and block.
 */
public class FakeAnchorLedger implements AnchorLedger {
    private final Map<String, TelemetryAnchor> anchors = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final AtomicLong blocks = new AtomicLong(10);
    private LedgerException failNext;

    @Override
    public synchronized LedgerReceipt anchorTelemetry(TelemetryAnchor anchor) throws LedgerException {
        calls.add(anchor.windowId());
        if (failNext != null) {
            LedgerException failure = failNext;
            failNext = null;
            throw failure;
        }
        TelemetryAnchor existing = anchors.get(anchor.windowId());
        if (existing != null && !existing.equals(anchor)) {
            throw new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.ANCHOR_CONFLICT,
                    "[ANCHOR_CONFLICT] Window " + anchor.windowId() + " is already anchored with different content",
                    "tx-conflict",
                    null);
        }
        if (existing == null) {
            anchors.put(anchor.windowId(), anchor);
            events.add(anchor.windowId());
        }
        long block = blocks.incrementAndGet();
        return new LedgerReceipt(String.format("%064x", block), block);
    }

    @Override
    public synchronized Optional<TelemetryAnchor> getAnchor(String windowId) {
        return Optional.ofNullable(anchors.get(windowId));
    }

    public synchronized void put(TelemetryAnchor anchor) {
        anchors.put(anchor.windowId(), anchor);
    }

    public synchronized void failNext(LedgerException failure) {
        failNext = failure;
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }
}
