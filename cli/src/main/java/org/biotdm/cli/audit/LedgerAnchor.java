package org.biotdm.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A telemetry anchor as the chaincode stores it ({@code TelemetryAnchor}'s JSON from {@code anchors:GetAnchor} and
 * {@code anchors:ListAnchors}).
 *
 * @param windowId the ledger window ID, {@code <mspId>-<gatewayId>-<window number>}
 * @param startTime the window start, epoch ms, inclusive
 * @param endTime the window end, epoch ms, exclusive
 * @param merkleRoot the window's RFC 6962 root, 64 lower-case hex digits
 * @param leafCount the number of readings in the window
 * @param hashScheme the hashing scheme, {@code biotdm-merkle-sha256-v1}
 * @param txId the transaction that recorded the anchor
 * @param updatedByMsp the MSP ID of the gateway that recorded it
 */
record LedgerAnchor(
        String windowId,
        long startTime,
        long endTime,
        String merkleRoot,
        long leafCount,
        String hashScheme,
        String txId,
        String updatedByMsp) {

    /**
     * Reads an anchor's JSON.
     *
     * @param json the chaincode's record
     * @return the anchor; absent fields are empty texts or 0
     */
    static LedgerAnchor of(JsonNode json) {
        return new LedgerAnchor(
                json.path("windowId").asText(""),
                json.path("startTime").asLong(),
                json.path("endTime").asLong(),
                json.path("merkleRoot").asText(""),
                json.path("leafCount").asLong(),
                json.path("hashScheme").asText(""),
                json.path("txId").asText(""),
                json.path("updatedByMsp").asText(""));
    }

    /**
     * Returns the window's gateway part: the window ID without its window number.
     *
     * @return {@code <mspId>-<gatewayId>}
     */
    public String gatewayPrefix() {
        int dash = windowId.lastIndexOf('-');
        return dash < 0 ? "" : windowId.substring(0, dash);
    }
}
