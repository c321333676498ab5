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
 * lets a page of anchors be one range read. Window ids start with the anchoring organisation's MSP ID and {@code -}
 * ({@link #requireOwnWindow}).
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
     * Checks that a window id belongs to the caller's organisation: gateways name windows
     * {@code <mspId>-<gatewayId>-<window>}, so another organisation cannot pre-empt them.
     *
     * @param windowId the window id
     * @param callerMsp the creator's MSP ID
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ANCHOR_WINDOW_FOREIGN}
     */
    static void requireOwnWindow(final String windowId, final String callerMsp) {
        if (!windowId.startsWith(callerMsp + "-")) {
            throw ErrorCode.ANCHOR_WINDOW_FOREIGN.error(
                    "Window " + windowId + " does not start with " + callerMsp + "-, the caller's organisation");
        }
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
     * <p>They get no key-level policy: the chaincode never rewrites an anchor, and a policy set while creating a key
     * would turn the conflict between identical concurrent anchors, which gateways retry, into an
     * {@code ENDORSEMENT_POLICY_FAILURE} (Fabric invalidates a write of a key whose policy an earlier transaction of
     * the block set).
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
