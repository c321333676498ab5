package org.biotdm.gateway.anchor;

/**
 * The argument of the chaincode's {@code AnchorTelemetry} transaction and the record {@code GetAnchor} returns.
 *
 * @param windowId the window's ledger ID, unique across gateways
 * @param startTime the window start, epoch milliseconds, inclusive
 * @param endTime the window end, epoch milliseconds, exclusive
 * @param merkleRoot the Merkle root, 64 lowercase hex characters
 * @param leafCount the number of readings (leaves) in the window
 * @param hashScheme the leaf and node hashing scheme name, documented with the anchoring code
 */
public record TelemetryAnchor(
        String windowId, long startTime, long endTime, String merkleRoot, long leafCount, String hashScheme) {}
