package org.biotdm.gateway.device;

import java.util.Optional;

/**
 * The gateway's view of the on-chain device registry, kept current by a chaincode event listener so that a suspension
 * or decommission on the ledger is enforced at ingress within two seconds.
 */
public interface DeviceRegistry {

    /**
     * Looks a device up without a ledger round trip.
     *
     * @param deviceId the device ID
     * @return the record, or empty when the ledger has no such device
     */
    Optional<DeviceRecord> find(String deviceId);

    /**
     * Reads a device again from the source of truth when a cached record may be stale, for a caller about to refuse a
     * device because of it (for example a certificate that does not match, after a restart while the event listener
     * is still catching up). Implementations may answer from the cache when the device was re-read recently.
     *
     * @param deviceId the device ID
     * @return the current record, or empty when there is no such device
     */
    default Optional<DeviceRecord> revalidate(String deviceId) {
        return find(deviceId);
    }
}
