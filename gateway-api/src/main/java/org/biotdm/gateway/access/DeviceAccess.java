package org.biotdm.gateway.access;

import java.util.List;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.users.ApiUser;

/**
 * Decides which devices a signed-in person may see and act on, mirroring the chaincode's rules so the API refuses
 * early and never shows what the person may not read.
 *
 * <ul>
 *   <li>admin: every device owned by their organisation (read and administer);
 *   <li>auditor: every device owned by their organisation (read only);
 *   <li>operator: the devices covered by an active, unexpired grant naming them (their Fabric ID) or every
 *       operator of their MSP, by device ID or by device group, from any owner organisation.
 * </ul>
 */
public interface DeviceAccess {
    /**
     * Tells whether the person may see a device (registry record, telemetry, alerts, commands, live events).
     *
     * @param user the person
     * @param device the device's registry record
     * @return true when visible
     */
    boolean canRead(ApiUser user, DeviceRecord device);

    /**
     * Names the operators who may see a device right now: the grantees of the grants in force that cover it (by its
     * ID or its owner's device group), so that a caller with many people in view can look up only those instead of
     * asking {@link #canRead} for everyone. A superset is allowed; {@link #canRead} stays the decision.
     *
     * @param device the device's registry record
     * @return the grantees, possibly repeated; empty when no grant in force covers the device
     */
    List<Grantee> operatorGrantees(DeviceRecord device);

    /**
     * Returns a device the person may see.
     *
     * @param user the person
     * @param deviceId the device ID
     * @return the registry record
     * @throws ApiException 404 {@code DEVICE_NOT_FOUND} when no such device is registered; 403 {@code
     *     DEVICE_ACCESS_DENIED} when it exists but the person may not see it
     */
    DeviceRecord requireReadable(ApiUser user, String deviceId);

    /**
     * Returns a device the person may administer (an admin of its owner organisation).
     *
     * @param user the person
     * @param deviceId the device ID
     * @return the registry record
     * @throws ApiException 404 {@code DEVICE_NOT_FOUND}; 403 {@code DEVICE_ACCESS_DENIED} when the person is not an
     *     admin of the owner organisation
     */
    DeviceRecord requireAdministrable(ApiUser user, String deviceId);
}
