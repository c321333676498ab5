package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to {@code POST /api/v1/devices}. The claim token is shown this once: only its SHA-256 is on the ledger.
 *
 * @param device the registered record ({@code PROVISIONED})
 * @param claimToken the one-time claim token the device sends to {@code POST /device/v1/provision}; null for a device
 *     registered with its certificate
 * @param claimTokenExpiresAt the token's expiry, epoch milliseconds, or null
 * @param transactionId the RegisterDevice transaction
 * @param blockNumber the block holding it
 */
@Serdeable
public record RegisterDeviceResponse(
        LedgerDevice device,
        @Nullable String claimToken,
        @Nullable Long claimTokenExpiresAt,
        String transactionId,
        long blockNumber) {}
