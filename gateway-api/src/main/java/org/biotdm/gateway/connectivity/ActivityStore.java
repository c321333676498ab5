package org.biotdm.gateway.connectivity;

import java.sql.SQLException;

/** Where {@link Connectivity} writes a device's activity: the {@code devices} table ({@code DeviceRepository}). */
@FunctionalInterface
public interface ActivityStore {
    /**
     * Records a device's latest activity and the start of its current online period.
     *
     * @param deviceId the device
     * @param lastActivityAt the latest activity, epoch ms
     * @param connectedAt the start of the current online period, epoch ms
     * @throws SQLException when the database cannot be written
     */
    void write(String deviceId, long lastActivityAt, long connectedAt) throws SQLException;
}
