package org.biotdm.gateway.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of {@code GET /api/v1/windows/{windowId}/leaves}: the leaf hashes the gateway recorded when it sealed the
 * window, in tree order. They rebuild the anchored root only if nobody changed them; when they do, comparing them with
 * the readings stored now names each changed, removed and added reading.
 *
 * @param windowId the window's ledger ID
 * @param leafCount the number of leaves recorded at sealing
 * @param leaves up to {@code limit} leaves from {@code from}
 * @param nextFrom the {@code from} of the next page; absent on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowLeavesPage(String windowId, int leafCount, List<Leaf> leaves, @Nullable Long nextFrom) {

    /**
     * One recorded leaf.
     *
     * @param leafIndex the index in the window's tree, from 0
     * @param readingId the telemetry row the leaf was computed from
     * @param leafHash the leaf hash, 64 hex digits
     */
    @Serdeable
    public record Leaf(int leafIndex, long readingId, String leafHash) {}
}
