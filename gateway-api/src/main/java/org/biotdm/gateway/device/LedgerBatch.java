package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.biotdm.gateway.ledger.LedgerErrors;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;

/**
 * The answer of the chaincode's batch transactions (RegisterDevices, ClaimDevices), exactly as it returns it: one item
 * per request item, in request order (see {@code chaincode-java/README.md}, "Batch transactions").
 *
 * @param committed how many items were written
 * @param items the per-item results
 * @param refused how many items were refused
 */
@Serdeable
public record LedgerBatch(int committed, List<Item> items, int refused) {

    /**
     * One item's result: {@code device} when it was written, {@code code} and {@code message} when it was refused.
     *
     * @param index the item's position in the request, from 0
     * @param deviceId the device ID as sent, or null
     * @param device the written record, or null
     * @param code the chaincode's error code of a refused item, or null
     * @param message {@code [CODE] text} of a refused item, or null
     */
    @Serdeable
    public record Item(
            int index,
            @Nullable String deviceId,
            @Nullable LedgerDevice device,
            @Nullable String code,
            @Nullable String message) {

        /**
         * Tells whether the item was written.
         *
         * @return true when it carries a record
         */
        public boolean written() {
            return device != null;
        }

        /**
         * Returns the item's outcome as the single transaction would have given it.
         *
         * @param receipt the batch's transaction
         * @return the record and the batch's receipt
         * @throws LedgerException the refusal, with the code the single transaction's refusal maps to
         */
        public DeviceChange change(LedgerReceipt receipt) throws LedgerException {
            if (device == null) {
                throw LedgerErrors.itemRefused(code, message, receipt.transactionId());
            }
            return new DeviceChange(device, receipt);
        }
    }
}
