package org.biotdm.gateway.device;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A committed change to a device.
 *
 * @param device the record after the transaction
 * @param transactionId the transaction ID
 * @param blockNumber the block holding it
 */
@Serdeable
public record DeviceChangeResponse(LedgerDevice device, String transactionId, long blockNumber) {}
