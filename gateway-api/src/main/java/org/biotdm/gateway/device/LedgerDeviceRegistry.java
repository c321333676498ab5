package org.biotdm.gateway.device;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeviceRegistry} the ingress filter consults on every request: an in-memory map from device ID to the
 * ledger's record, kept current by {@link DeviceEventListener} (which overwrites an entry on every {@code Device*}
 * chaincode event) and warmed from the {@code devices} table at startup.
 *
 * <p>A hit costs one {@link ConcurrentHashMap} lookup and allocates nothing. A miss does one read, on the calling
 * thread: {@code GetDevice} on the ledger, or the {@code devices} table when the ledger is unreachable; the answer is
 * cached, an unknown ID for {@code biotdm.ledger.device-negative-ttl}. Known devices are as many as the ledger's
 * registry holds; unknown IDs come from clients, so at most {@value #MAX_UNKNOWN} of them are remembered (least
 * recently written first out), and so are the times of re-reads. A loaded record never replaces one the event
 * listener stored meanwhile, so a slow miss cannot resurrect a state that an event has already superseded. When
 * neither the ledger nor the database answers, the lookup reports the device as unknown (the caller refuses it) and
 * caches nothing.
 */
@Singleton
public class LedgerDeviceRegistry implements DeviceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerDeviceRegistry.class);

    /** The most unknown device IDs (and re-read times) remembered at once. */
    static final int MAX_UNKNOWN = 100_000;

    private final Map<String, DeviceRecord> known = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> unknown;
    private final Cache<String, Boolean> revalidated;
    private final DeviceLedger ledger;
    private final DeviceRepository repository;

    /**
     * Creates the registry.
     *
     * @param ledger the device ledger, read on a miss
     * @param repository the {@code devices} table, read on a miss while the ledger is unreachable
     * @param configuration the ledger settings ({@code device-negative-ttl})
     */
    public LedgerDeviceRegistry(DeviceLedger ledger, DeviceRepository repository, LedgerConfiguration configuration) {
        this.ledger = ledger;
        this.repository = repository;
        Duration negativeTtl = configuration.deviceNegativeTtl();
        this.unknown = bounded(negativeTtl);
        this.revalidated = bounded(negativeTtl);
    }

    private static Cache<String, Boolean> bounded(Duration ttl) {
        return CacheBuilder.newBuilder()
                .maximumSize(MAX_UNKNOWN)
                .expireAfterWrite(ttl)
                .build();
    }

    /**
     * Looks a device up; see the class description for what a miss costs.
     *
     * @param deviceId the device ID
     * @return the record, or empty when the ledger has no such device or cannot be asked
     */
    @Override
    public Optional<DeviceRecord> find(String deviceId) {
        if (deviceId == null) {
            return Optional.empty();
        }
        DeviceRecord record = known.get(deviceId);
        if (record != null) {
            return Optional.of(record);
        }
        return unknown.getIfPresent(deviceId) != null ? Optional.empty() : load(deviceId);
    }

    /**
     * Reads a device from the ledger again and replaces the cached record with the ledger's, at most once per device
     * per {@code biotdm.ledger.device-negative-ttl}; within that interval it answers from the cache. For a refusal
     * based on a cached record: after a restart the cache is warmed from the {@code devices} table, which may be
     * behind the ledger until the event listener has caught up. When the ledger cannot be asked, the cached record
     * stands.
     *
     * @param deviceId the device ID
     * @return the current record, or empty when the ledger has no such device
     */
    @Override
    public Optional<DeviceRecord> revalidate(String deviceId) {
        if (deviceId == null) {
            return Optional.empty();
        }
        if (revalidated.asMap().putIfAbsent(deviceId, Boolean.TRUE) != null) {
            return find(deviceId);
        }
        try {
            Optional<LedgerDevice> device = ledger.getDevice(deviceId);
            if (device.isPresent()) {
                update(device.get());
                return Optional.of(device.get().toRecord());
            }
            known.remove(deviceId);
            unknown.put(deviceId, Boolean.TRUE);
            return Optional.empty();
        } catch (LedgerException e) {
            return find(deviceId);
        }
    }

    /**
     * Stores the ledger's current record of a device, replacing whatever was cached; called by the event listener
     * with the record it re-read after an event.
     *
     * @param device the record
     */
    public void update(LedgerDevice device) {
        known.put(device.deviceId(), device.toRecord());
        unknown.invalidate(device.deviceId());
    }

    /**
     * Adds a record read from the database unless the device is cached already; used to warm the cache at startup.
     *
     * @param record the record
     */
    public void warm(DeviceRecord record) {
        known.putIfAbsent(record.deviceId(), record);
    }

    /**
     * Returns how many devices (known and unknown) are cached.
     *
     * @return the number of entries
     */
    public int size() {
        unknown.cleanUp();
        return known.size() + (int) unknown.size();
    }

    private Optional<DeviceRecord> load(String deviceId) {
        try {
            Optional<LedgerDevice> device = ledger.getDevice(deviceId);
            return device.isPresent() ? store(device.get().toRecord()) : storeUnknown(deviceId);
        } catch (LedgerException e) {
            if (e.kind() == LedgerException.Kind.CONTRACT) {
                // A malformed ID (INVALID_ARGUMENT) or a refused read: remember it like an unknown device.
                return storeUnknown(deviceId);
            }
            return fromDatabase(deviceId);
        }
    }

    private Optional<DeviceRecord> fromDatabase(String deviceId) {
        try {
            Optional<DeviceRecord> record = repository.find(deviceId);
            return record.isPresent() ? store(record.get()) : Optional.empty();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("device {} cannot be looked up: ledger and database unavailable ({})", deviceId, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<DeviceRecord> store(DeviceRecord loaded) {
        return Optional.of(known.merge(loaded.deviceId(), loaded, (current, ignored) -> current));
    }

    private Optional<DeviceRecord> storeUnknown(String deviceId) {
        DeviceRecord current = known.get(deviceId);
        if (current != null) {
            return Optional.of(current);
        }
        unknown.put(deviceId, Boolean.TRUE);
        return Optional.empty();
    }
}
