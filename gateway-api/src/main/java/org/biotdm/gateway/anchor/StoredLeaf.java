package org.biotdm.gateway.anchor;

/**
 * A leaf as recorded when its window was sealed ({@code anchor_leaves}).
 *
 * @param index the leaf index in the window's tree
 * @param telemetryId the telemetry row the leaf was computed from
 * @param hash the leaf hash, 32 bytes
 */
public record StoredLeaf(int index, long telemetryId, byte[] hash) {}
