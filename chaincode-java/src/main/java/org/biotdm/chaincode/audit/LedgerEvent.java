package org.biotdm.chaincode.audit;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Carries the payload of the one chaincode event each write transaction emits, for example
 * {@code {"actorId":"x509::…","actorMsp":"Org1MSP","deviceId":"d-17","key":"device:d-17","timestamp":1700000000000,
 * "txId":"…","type":"DeviceSuspended"}}. {@code key} is {@code <entity>:<id>} as accepted by AuditTrail;
 * {@code deviceId} is present when the change concerns one device, so gateways can invalidate their cache. A batch
 * transaction ({@code DevicesRegistered}, {@code DevicesClaimed}) names no single record: it has neither {@code key}
 * nor {@code deviceId} but {@code deviceIds}, the devices it wrote in request order (possibly none), for example
 * {@code {"actorId":"x509::…","actorMsp":"Org1MSP","deviceIds":["d-1","d-2"],"timestamp":…,"txId":"…",
 * "type":"DevicesRegistered"}}.
 */
@DataType
public final class LedgerEvent {
    @Property
    private final String type;

    @Property
    private final String key;

    @Property
    private final String deviceId;

    @Property
    private final List<String> deviceIds;

    @Property
    private final String actorId;

    @Property
    private final String actorMsp;

    @Property
    private final String txId;

    @Property
    private final long timestamp;

    /**
     * Creates an event payload.
     *
     * @param type the event type
     * @param key {@code <entity>:<id>} of the changed record
     * @param deviceId the device concerned, or {@code null}
     * @param actorId the submitter's Fabric id
     * @param actorMsp the submitter's MSP
     * @param txId the transaction id
     * @param timestamp the transaction time, epoch milliseconds
     */
    public LedgerEvent(
            final String type,
            final String key,
            final String deviceId,
            final String actorId,
            final String actorMsp,
            final String txId,
            final long timestamp) {
        this(type, key, deviceId, null, actorId, actorMsp, txId, timestamp);
    }

    /**
     * Creates the payload of a batch transaction's event.
     *
     * @param type the event type
     * @param deviceIds the devices the transaction wrote, in request order
     * @param actorId the submitter's Fabric id
     * @param actorMsp the submitter's MSP
     * @param txId the transaction id
     * @param timestamp the transaction time, epoch milliseconds
     * @return the payload, without {@code key} and {@code deviceId}
     */
    public static LedgerEvent batch(
            final String type,
            final List<String> deviceIds,
            final String actorId,
            final String actorMsp,
            final String txId,
            final long timestamp) {
        return new LedgerEvent(type, null, null, List.copyOf(deviceIds), actorId, actorMsp, txId, timestamp);
    }

    private LedgerEvent(
            final String type,
            final String key,
            final String deviceId,
            final List<String> deviceIds,
            final String actorId,
            final String actorMsp,
            final String txId,
            final long timestamp) {
        this.type = type;
        this.key = key;
        this.deviceId = deviceId;
        this.deviceIds = deviceIds;
        this.actorId = actorId;
        this.actorMsp = actorMsp;
        this.txId = txId;
        this.timestamp = timestamp;
    }

    /**
     * Returns the event type.
     *
     * @return the type name
     */
    public String getType() {
        return type;
    }

    /**
     * Returns the changed record's key.
     *
     * @return {@code <entity>:<id>}
     */
    public String getKey() {
        return key;
    }

    /**
     * Returns the device concerned.
     *
     * @return the device id, or {@code null}
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the devices a batch transaction wrote.
     *
     * @return the device ids in request order, or {@code null} for a single-record event
     */
    public List<String> getDeviceIds() {
        return deviceIds;
    }

    /**
     * Returns the submitter's Fabric id.
     *
     * @return the actor id
     */
    public String getActorId() {
        return actorId;
    }

    /**
     * Returns the submitter's MSP.
     *
     * @return the MSP ID
     */
    public String getActorMsp() {
        return actorMsp;
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
}
