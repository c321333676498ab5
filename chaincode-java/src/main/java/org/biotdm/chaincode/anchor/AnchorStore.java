package org.biotdm.chaincode.anchor;

import java.util.Optional;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the anchor keys: the record under {@code biotdm.anchor/<windowId>} and a copy under the simple time-index
 * key {@code biotdm.anchor.time/<startTime>/<windowId>}. The copy is safe because anchors never change, and it
 * lets a page of anchors be one range read.
 */
public final class AnchorStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public AnchorStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Returns the world-state key of an anchor.
     *
     * @param windowId the window id
     * @return the composite key
     */
    public static String key(final String windowId) {
        return Keys.of(Keys.ANCHOR, windowId);
    }

    /**
     * Looks an anchor up.
     *
     * @param windowId the window id
     * @return the anchor, or empty
     */
    public Optional<TelemetryAnchor> find(final String windowId) {
        final byte[] value = stub.getState(key(windowId));
        return value == null || value.length == 0
                ? Optional.empty()
                : Optional.of(Json.read(value, TelemetryAnchor.class));
    }

    /**
     * Reads an anchor that must exist.
     *
     * @param windowId the window id
     * @return the anchor
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ANCHOR_NOT_FOUND}
     */
    public TelemetryAnchor get(final String windowId) {
        return find(windowId).orElseThrow(() -> ErrorCode.ANCHOR_NOT_FOUND.error("No anchor for window " + windowId));
    }

    /**
     * Writes a new anchor and its time-index copy.
     *
     * @param anchor the anchor
     */
    void create(final TelemetryAnchor anchor) {
        final byte[] value = Json.bytes(anchor);
        stub.putState(key(anchor.getWindowId()), value);
        stub.putState(Keys.anchorByTime(anchor.getStartTime(), anchor.getWindowId()), value);
    }

    /**
     * Reads one page of anchors by window start; read-only transactions only.
     *
     * @param query the validated query
     * @return the page, in start time then window id order
     */
    Page<TelemetryAnchor> list(final ListAnchorsQuery query) {
        final PageRequest page = query.page();
        return Ledger.page(
                stub.getStateByRangeWithPagination(
                        Keys.ANCHOR_BY_TIME + Keys.time(query.from()),
                        Keys.ANCHOR_BY_TIME + Keys.time(query.to()),
                        page.pageSize(),
                        page.bookmark()),
                entry -> Json.read(entry.getValue(), TelemetryAnchor.class));
    }
}
