package org.biotdm.chaincode.anchor;

import java.util.Optional;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the anchor keys: the record under {@code biotdm.anchor/<windowId>} and a copy under the simple time-index
 * key {@code biotdm.anchor.time/<startTime>/<windowId>}. The copy is safe because anchors never change, and it
 * lets a page of anchors be one range read. Window ids start with the anchoring organisation's MSP ID and {@code -}
 * ({@link #requireOwnWindow}), and both keys carry that organisation's key-level endorsement policy.
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
     * Writes a new anchor and its time-index copy, both under the anchoring organisation's key-level endorsement
     * policy, so no other organisations can rewrite them.
     *
     * @param anchor the anchor
     */
    void create(final TelemetryAnchor anchor) {
        final byte[] value = Json.bytes(anchor);
        for (final String key :
                new String[] {key(anchor.getWindowId()), Keys.anchorByTime(anchor.getStartTime(), anchor.getWindowId())
                }) {
            stub.putState(key, value);
            OwnerEndorsement.require(stub, key, anchor.getUpdatedByMsp());
        }
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
