package org.biotdm.chaincode.audit;

import java.util.List;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Tx;

/**
 * Emits the one chaincode event of a write transaction.
 */
public final class Events {
    private Events() {}

    /**
     * Sets the transaction's event, named after its type, with a {@link LedgerEvent} payload.
     *
     * @param tx the transaction
     * @param type the event type
     * @param entity the record kind, as in {@link AuditEntity}
     * @param id the record id
     * @param deviceId the device concerned, or {@code null}
     */
    public static void emit(
            final Tx tx, final EventType type, final AuditEntity entity, final String id, final String deviceId) {
        final LedgerEvent event = new LedgerEvent(
                type.name(),
                entity.key(id),
                deviceId,
                tx.caller().id(),
                tx.caller().mspId(),
                tx.txId(),
                tx.nowMillis());
        tx.setEvent(type.name(), Json.bytes(event));
    }

    /**
     * Sets a batch transaction's event, named after its type, listing the devices it wrote.
     *
     * @param tx the transaction
     * @param type the event type
     * @param deviceIds the devices written, in request order
     */
    public static void emitBatch(final Tx tx, final EventType type, final List<String> deviceIds) {
        final LedgerEvent event = LedgerEvent.batch(
                type.name(), deviceIds, tx.caller().id(), tx.caller().mspId(), tx.txId(), tx.nowMillis());
        tx.setEvent(type.name(), Json.bytes(event));
    }
}
