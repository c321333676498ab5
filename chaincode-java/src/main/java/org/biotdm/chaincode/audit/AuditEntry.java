package org.biotdm.chaincode.audit;

import java.util.SortedMap;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Describes one committed change of a record: which transaction, when, by whom, and the record as written.
 */
@DataType
public final class AuditEntry {
    @Property
    private final String txId;

    @Property
    private final long timestamp;

    @Property
    private final boolean deleted;

    @Property
    private final String actorId;

    @Property
    private final String actorMsp;

    @Property
    private final SortedMap<String, Object> record;

    /**
     * Creates an entry.
     *
     * @param txId the transaction that wrote the record
     * @param timestamp that transaction's time, epoch milliseconds
     * @param deleted whether the transaction deleted the key
     * @param actorId the submitter recorded in the record's {@code updatedBy}
     * @param actorMsp the submitter's MSP recorded in {@code updatedByMsp}
     * @param record the record as written, or {@code null} for a delete
     */
    public AuditEntry(
            final String txId,
            final long timestamp,
            final boolean deleted,
            final String actorId,
            final String actorMsp,
            final SortedMap<String, Object> record) {
        this.txId = txId;
        this.timestamp = timestamp;
        this.deleted = deleted;
        this.actorId = actorId;
        this.actorMsp = actorMsp;
        this.record = record;
    }

    /**
     * Returns the transaction id.
     *
     * @return the txid
     */
    public String getTxId() {
        return txId;
    }

    /**
     * Returns the transaction time.
     *
     * @return epoch milliseconds
     */
    public long getTimestamp() {
        return timestamp;
    }

    /**
     * Tells whether the change was a delete.
     *
     * @return true for a delete
     */
    public boolean isDeleted() {
        return deleted;
    }

    /**
     * Returns the actor.
     *
     * @return the Fabric id of the submitter
     */
    public String getActorId() {
        return actorId;
    }

    /**
     * Returns the actor's MSP.
     *
     * @return the MSP ID
     */
    public String getActorMsp() {
        return actorMsp;
    }

    /**
     * Returns the record as written.
     *
     * @return the record fields, sorted by name
     */
    public SortedMap<String, Object> getRecord() {
        return record;
    }
}
