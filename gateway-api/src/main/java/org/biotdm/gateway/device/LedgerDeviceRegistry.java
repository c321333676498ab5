package org.biotdm.gateway.device;

import jakarta.inject.Singleton;
import java.sql.SQLException;
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
 * cached, an unknown ID for {@code biotdm.ledger.device-negative-ttl}. A loaded record never replaces one the event
 * listener stored meanwhile, so a slow miss cannot resurrect a state that an event has already superseded. When
 * neither the ledger nor the database answers, the lookup reports the device as unknown (the caller refuses it) and
 * caches nothing.
 */
@Singleton
public class LedgerDeviceRegistry implements DeviceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerDeviceRegistry.class);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> revalidatedAt = new ConcurrentHashMap<>();
    private final DeviceLedger ledger;
    private final DeviceRepository repository;
    private final long negativeTtlNanos;

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
        this.negativeTtlNanos = configuration.deviceNegativeTtl().toNanos();
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
        Entry entry = entries.get(deviceId);
        if (entry != null && (entry.expiresAtNanos == 0 || System.nanoTime() - entry.expiresAtNanos < 0)) {
            return entry.record;
        }
        return load(deviceId);
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
        long now = System.nanoTime();
        Long last = revalidatedAt.get(deviceId);
        if (last != null && now - last < negativeTtlNanos) {
            return find(deviceId);
        }
        revalidatedAt.put(deviceId, now);
        try {
            Optional<LedgerDevice> device = ledger.getDevice(deviceId);
            if (device.isPresent()) {
                update(device.get());
                return Optional.of(device.get().toRecord());
            }
            entries.put(deviceId, Entry.unknown(now + negativeTtlNanos));
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
        entries.put(device.deviceId(), Entry.of(device.toRecord()));
    }

    /**
     * Adds a record read from the database unless the device is cached already; used to warm the cache at startup.
     *
     * @param record the record
     */
    public void warm(DeviceRecord record) {
        entries.putIfAbsent(record.deviceId(), Entry.of(record));
    }

    /**
     * Returns how many devices (known and unknown) are cached.
     *
     * @return the number of entries
     */
    public int size() {
        return entries.size();
    }

    private Optional<DeviceRecord> load(String deviceId) {
        try {
            Optional<LedgerDevice> device = ledger.getDevice(deviceId);
            Entry loaded = device.map(d -> Entry.of(d.toRecord()))
                    .orElseGet(() -> Entry.unknown(System.nanoTime() + negativeTtlNanos));
            return store(deviceId, loaded);
        } catch (LedgerException e) {
            if (e.kind() == LedgerException.Kind.CONTRACT) {
                // A malformed ID (INVALID_ARGUMENT) or a refused read: remember it like an unknown device.
                return store(deviceId, Entry.unknown(System.nanoTime() + negativeTtlNanos));
            }
            return fromDatabase(deviceId);
        }
    }

    private Optional<DeviceRecord> fromDatabase(String deviceId) {
        try {
            Optional<DeviceRecord> record = repository.find(deviceId);
            return record.isPresent() ? store(deviceId, Entry.of(record.get())) : Optional.empty();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("device {} cannot be looked up: ledger and database unavailable ({})", deviceId, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<DeviceRecord> store(String deviceId, Entry loaded) {
        return entries.compute(deviceId, (id, current) -> current != null && current.isKnown() ? current : loaded)
                .record;
    }

    /** A cached answer; {@code expiresAtNanos} is 0 for a known device, which only events replace. */
    private record Entry(Optional<DeviceRecord> record, long expiresAtNanos) {
        static Entry of(DeviceRecord record) {
            return new Entry(Optional.of(record), 0);
        }

        static Entry unknown(long expiresAtNanos) {
            return new Entry(Optional.empty(), expiresAtNanos == 0 ? 1 : expiresAtNanos);
        }

        boolean isKnown() {
            return record.isPresent();
        }
    }
}
