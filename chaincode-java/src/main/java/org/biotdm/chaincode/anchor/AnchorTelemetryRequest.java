package org.biotdm.chaincode.anchor;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Tx;

/**
 * Reads the AnchorTelemetry argument:
 * {@code {"windowId","startTime","endTime","merkleRoot","leafCount","hashScheme"}}; times are epoch milliseconds
 * with {@code startTime < endTime}, the root is lower-case hex SHA-256 and {@code leafCount} is 0 to 2^40.
 */
public final class AnchorTelemetryRequest {
    /** Largest leaf count accepted. */
    public static final long MAX_LEAF_COUNT = 1L << 40;

    private final String windowId;
    private final Long startTime;
    private final Long endTime;
    private final String merkleRoot;
    private final Long leafCount;
    private final String hashScheme;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param windowId the window id
     * @param startTime the window start, inclusive
     * @param endTime the window end, exclusive
     * @param merkleRoot the Merkle root
     * @param leafCount the number of leaves
     * @param hashScheme the hashing scheme id
     */
    public AnchorTelemetryRequest(
            @JsonProperty("windowId") final String windowId,
            @JsonProperty("startTime") final Long startTime,
            @JsonProperty("endTime") final Long endTime,
            @JsonProperty("merkleRoot") final String merkleRoot,
            @JsonProperty("leafCount") final Long leafCount,
            @JsonProperty("hashScheme") final String hashScheme) {
        this.windowId = windowId;
        this.startTime = startTime;
        this.endTime = endTime;
        this.merkleRoot = merkleRoot;
        this.leafCount = leafCount;
        this.hashScheme = hashScheme;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public AnchorTelemetryRequest validate() {
        Check.id("windowId", windowId);
        if (Check.time("startTime", startTime) >= Check.time("endTime", endTime)) {
            throw Check.invalid("endTime", "must be after startTime");
        }
        Check.sha256("merkleRoot", merkleRoot);
        Check.range("leafCount", leafCount, 0, MAX_LEAF_COUNT);
        Check.id("hashScheme", hashScheme);
        return this;
    }

    /**
     * Builds the anchor as this transaction would record it.
     *
     * @param tx the transaction
     * @return the anchor
     */
    TelemetryAnchor toAnchor(final Tx tx) {
        return TelemetryAnchor.builder()
                .windowId(windowId)
                .startTime(startTime)
                .endTime(endTime)
                .merkleRoot(merkleRoot)
                .leafCount(leafCount)
                .hashScheme(hashScheme)
                .txId(tx.txId())
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId())
                .build();
    }
}
