package org.biotdm.gateway.ingress;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;

/**
 * A device registry the ingress tests fill themselves, replacing the ledger-backed one only in contexts that set
 * {@code biotdm.test.device-registry=in-memory}.
 */
@Singleton
@Replaces(DeviceRegistry.class)
@Requires(property = "biotdm.test.device-registry", value = "in-memory")
public class InMemoryDeviceRegistry implements DeviceRegistry {
    private final Map<String, DeviceRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<DeviceRecord> find(String deviceId) {
        return Optional.ofNullable(records.get(deviceId));
    }

    /**
     * Stores or replaces a record.
     *
     * @param record the record
     */
    public void put(DeviceRecord record) {
        records.put(record.deviceId(), record);
    }
}
