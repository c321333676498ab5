package org.biotdm.gateway.anchor;

import io.micronaut.serde.annotation.Serdeable;
import org.biotdm.protocol.anchor.MerkleTree;

/**
 * The JSON kept in {@code anchor_outbox.payload_json}: exactly the {@code AnchorTelemetry} argument, {@code
 * {"windowId","startTime","endTime","merkleRoot","leafCount","hashScheme"}}.
 *
 * @param windowId the ledger window ID
 * @param startTime the window start, epoch milliseconds, inclusive
 * @param endTime the window end, epoch milliseconds, exclusive
 * @param merkleRoot the root, 64 lower-case hex digits
 * @param leafCount the number of leaves
 * @param hashScheme the scheme, {@value MerkleTree#SCHEME}
 */
@Serdeable
record AnchorPayload(
        String windowId, long startTime, long endTime, String merkleRoot, long leafCount, String hashScheme) {

    /**
     * Copies an anchor.
     *
     * @param anchor the anchor
     * @return the payload
     */
    public static AnchorPayload of(TelemetryAnchor anchor) {
        return new AnchorPayload(
                anchor.windowId(),
                anchor.startTime(),
                anchor.endTime(),
                anchor.merkleRoot(),
                anchor.leafCount(),
                anchor.hashScheme());
    }

    /**
     * Returns the anchor this payload describes.
     *
     * @return the anchor
     */
    public TelemetryAnchor toAnchor() {
        return new TelemetryAnchor(windowId, startTime, endTime, merkleRoot, leafCount, hashScheme);
    }
}
