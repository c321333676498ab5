package org.biotdm.chaincode.device;

import java.util.Optional;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * Owns the device keys: the record under {@code biotdm.device/<id>} and its owner, status and group indexes.
 *
 * <p>On creation the record key and the device's guard key {@code biotdm.device.guard/<id>} get a key-level
 * endorsement policy requiring a peer of the owner organisation, so every later change of the device, and every
 * write of a grant on it or a command to it ({@link #requireOwnerEndorsement}), must be endorsed by its owner whatever the
 * chaincode policy says.
 */
public final class DeviceStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public DeviceStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Returns the world-state key of a device record.
     *
     * @param deviceId the device id
     * @return the composite key
     */
    public static String key(final String deviceId) {
        return Keys.of(Keys.DEVICE, deviceId);
    }

    /**
     * Looks a device up.
     *
     * @param deviceId the device id
     * @return the record, or empty
     */
    public Optional<Device> find(final String deviceId) {
        final byte[] value = stub.getState(key(deviceId));
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(Json.read(value, Device.class));
    }

    /**
     * Reads a device that must exist.
     *
     * @param deviceId the device id
     * @return the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code DEVICE_NOT_FOUND}
     */
    public Device get(final String deviceId) {
        return find(deviceId)
                .orElseThrow(() -> ErrorCode.DEVICE_NOT_FOUND.error("Device " + deviceId + " does not exist"));
    }

    /**
     * Writes a new device, its indexes, its guard key and their key-level endorsement policies.
     *
     * @param device the new record
     */
    public void create(final Device device) {
        final String key = key(device.getDeviceId());
        stub.putState(key, Json.bytes(device));
        stub.putState(ownerIndex(device), Keys.indexValue());
        stub.putState(statusIndex(device), Keys.indexValue());
        stub.putState(groupIndex(device), Keys.indexValue());
        OwnerEndorsement.require(stub, key, device.getOwnerMsp());
        final String guard = guardKey(device.getDeviceId());
        stub.putState(guard, Keys.indexValue());
        OwnerEndorsement.require(stub, guard, device.getOwnerMsp());
    }

    /**
     * Reads the device's guard key, created with the device under its owner's key-level policy.
     *
     * @param deviceId the device id
     * @param ownerMsp the device's owner organisation
     * @return the guard's committed value, or {@code null} when it does not exist
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard carries another
     *     policy than the owner's
     */
    public byte[] readGuard(final String deviceId, final String ownerMsp) {
        return OwnerEndorsement.readGuard(stub, guardKey(deviceId), ownerMsp);
    }

    /**
     * Writes the device's guard key, so the transaction needs the owner organisation's endorsement (the guard's
     * key-level policy).
     *
     * @param deviceId the device id
     * @param value the guard's new value (the grants it covers, see {@code GrantGuard})
     */
    public void writeGuard(final String deviceId, final byte[] value) {
        stub.putState(guardKey(deviceId), value);
    }

    /**
     * Rewrites the device's guard key with its committed value, so the transaction needs the owner organisation's
     * endorsement without changing the grants the guard covers. The guard is read, so two such transactions on one
     * device in the same block conflict ({@code MVCC_READ_CONFLICT}, retried by clients).
     *
     * @param deviceId the device id
     * @param ownerMsp the device's owner organisation
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard carries another
     *     policy than the owner's
     */
    public void requireOwnerEndorsement(final String deviceId, final String ownerMsp) {
        final byte[] guard = readGuard(deviceId, ownerMsp);
        writeGuard(deviceId, guard == null ? Keys.indexValue() : guard);
    }

    /**
     * Rewrites a device and moves its status and group index entries when those changed.
     *
     * @param before the record as read in this transaction
     * @param after the new record
     */
    public void update(final Device before, final Device after) {
        stub.putState(key(after.getDeviceId()), Json.bytes(after));
        if (before.getStatus() != after.getStatus()) {
            stub.delState(statusIndex(before));
            stub.putState(statusIndex(after), Keys.indexValue());
        }
        if (!before.getGroup().equals(after.getGroup())) {
            stub.delState(groupIndex(before));
            stub.putState(groupIndex(after), Keys.indexValue());
        }
    }

    /**
     * Reads one page of devices through an index; read-only transactions only.
     *
     * @param query the validated query
     * @return the page of device records, in device id order
     */
    public Page<Device> list(final ListDevicesQuery query) {
        final PageRequest page = query.page();
        return Ledger.page(
                stub.getStateByPartialCompositeKeyWithPagination(prefix(query), page.pageSize(), page.bookmark()),
                this::fromIndexEntry);
    }

    private Device fromIndexEntry(final KeyValue entry) {
        final String deviceId = Keys.lastAttribute(entry.getKey());
        return find(deviceId).orElse(null);
    }

    private static CompositeKey prefix(final ListDevicesQuery query) {
        if (query.group() != null) {
            return Keys.prefix(Keys.DEVICE_BY_GROUP, query.ownerMsp(), query.group());
        }
        if (query.status() != null && query.ownerMsp() != null) {
            return Keys.prefix(Keys.DEVICE_BY_STATUS, query.status().name(), query.ownerMsp());
        }
        if (query.status() != null) {
            return Keys.prefix(Keys.DEVICE_BY_STATUS, query.status().name());
        }
        if (query.ownerMsp() != null) {
            return Keys.prefix(Keys.DEVICE_BY_OWNER, query.ownerMsp());
        }
        return Keys.prefix(Keys.DEVICE_BY_OWNER);
    }

    /**
     * Returns the world-state key of a device's guard.
     *
     * @param deviceId the device id
     * @return the composite key
     */
    public static String guardKey(final String deviceId) {
        return Keys.of(Keys.DEVICE_GUARD, deviceId);
    }

    private static String ownerIndex(final Device device) {
        return Keys.of(Keys.DEVICE_BY_OWNER, device.getOwnerMsp(), device.getDeviceId());
    }

    private static String statusIndex(final Device device) {
        return Keys.of(Keys.DEVICE_BY_STATUS, device.getStatus().name(), device.getOwnerMsp(), device.getDeviceId());
    }

    private static String groupIndex(final Device device) {
        return Keys.of(Keys.DEVICE_BY_GROUP, device.getOwnerMsp(), device.getGroup(), device.getDeviceId());
    }
}
