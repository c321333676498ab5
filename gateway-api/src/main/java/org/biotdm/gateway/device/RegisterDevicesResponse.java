package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code POST /api/v1/devices:batch}: one item per request item, in request order.
 *
 * @param registered how many devices this transaction registered
 * @param existing how many were already registered with the same claim token hash (a re-run)
 * @param refused how many were refused
 * @param transactionId the RegisterDevices transaction
 * @param blockNumber the block holding it
 * @param items the per-item results
 */
@Serdeable
record RegisterDevicesResponse(
        int registered, int existing, int refused, String transactionId, long blockNumber, List<Item> items) {

    /** What became of one item. */
    public enum Outcome {
        /** Registered by this request. */
        REGISTERED,
        /** Already registered by this organisation with the same claim token hash: nothing to do. */
        EXISTS,
        /** Refused; {@code code} says why, and nothing was written for it. */
        REFUSED
    }

    /**
     * One item's result.
     *
     * @param index the item's position in the request, from 0
     * @param deviceId the device ID as sent
     * @param outcome what became of it
     * @param code the catalogue code of a refusal (as {@code POST /api/v1/devices} would answer), or null
     * @param message the refusal's text, or null
     * @param device the device's record (new or existing), or null when refused
     */
    @Serdeable
    public record Item(
            int index,
            @Nullable String deviceId,
            Outcome outcome,
            @Nullable String code,
            @Nullable String message,
            @Nullable LedgerDevice device) {}
}
