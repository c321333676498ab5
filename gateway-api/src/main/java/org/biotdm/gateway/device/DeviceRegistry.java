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
}
