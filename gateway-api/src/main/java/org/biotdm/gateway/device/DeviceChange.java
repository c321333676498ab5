package org.biotdm.gateway.device;

import org.biotdm.gateway.ledger.LedgerReceipt;

/**
 * A committed change to a device: the record the chaincode wrote and where it was committed.
 *
 * @param device the device record after the transaction
 * @param receipt the transaction ID and block number
 */
public record DeviceChange(LedgerDevice device, LedgerReceipt receipt) {}
