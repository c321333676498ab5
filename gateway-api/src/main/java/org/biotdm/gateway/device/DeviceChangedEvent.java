package org.biotdm.gateway.device;

/**
 * Published (as a Micronaut application event) after the event listener applied a {@code Device*} chaincode event to
 * the registry: the device's record as re-read from the ledger at that moment.
 *
 * @param record the device's current record
 * @param eventName the chaincode event name, for example {@code DeviceSuspended}
 * @param transactionId the transaction that emitted the event
 * @param blockNumber the block holding that transaction
 */
public record DeviceChangedEvent(DeviceRecord record, String eventName, String transactionId, long blockNumber) {}
