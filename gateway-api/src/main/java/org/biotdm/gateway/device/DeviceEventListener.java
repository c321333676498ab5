package org.biotdm.gateway.device;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.gateway.ledger.ChaincodeEventFollower;
import org.biotdm.gateway.ledger.ChaincodeEventPayload;
import org.biotdm.gateway.ledger.EventCheckpoints;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the BIoT-DM chaincode's events on a background thread and keeps the device registry current: on every
 * {@code Device*} event, and on {@code GroupMemberAdded}/{@code GroupMemberRemoved} (which move the member's group), it
 * re-reads the device ({@code GetDevice}), replaces the in-memory entry of {@link
 * LedgerDeviceRegistry}, upserts the {@code devices} row and publishes a {@link DeviceChangedEvent}. A batch's event
 * ({@code DevicesRegistered}, {@code DevicesClaimed}) lists its devices in {@code deviceIds}: they are re-read in one
 * {@code GetDevices} and each is handled as a single event would be, with the batch's event name.
 *
 * <p>Resumption: after each event the listener stores its checkpoint (block number and transaction ID) in {@code
 * event_checkpoints} under {@value #LISTENER_NAME}; a new stream, after a failure or a restart, starts from the stored
 * checkpoint, or from block 0 when there is none, so the {@code devices} table ends up complete. Processing is
 * at-least-once: an event whose device cannot be re-read ends the stream, and the next stream starts again before it.
 * While the database refuses writes, devices whose row could not be written are remembered and the checkpoint is not
 * advanced, so nothing is skipped; the in-memory registry is updated regardless, which is what enforcement needs.
 *
 * <p>The stream, its checkpoint and its reconnects (after {@code biotdm.ledger.events-reconnect-min}, doubling up to
 * {@code events-reconnect-max}) are a {@link ChaincodeEventFollower}'s. Runs unless {@code
 * biotdm.ledger.events-enabled} is false.
 */
@Singleton
@Requires(property = "biotdm.ledger.events-enabled", notEquals = "false")
final class DeviceEventListener implements AutoCloseable {
    /** The listener's name in {@code event_checkpoints}. */
    public static final String LISTENER_NAME = "device-registry";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEventListener.class);

    private final DeviceLedger ledger;
    private final LedgerDeviceRegistry registry;
    private final DeviceRepository repository;
    private final ApplicationEventPublisher<DeviceChangedEvent> publisher;
    private final ObjectMapper json;
    private final Map<String, PendingRow> unsaved = new LinkedHashMap<>();
    private final ChaincodeEventFollower follower;

    /**
     * Creates the listener; it starts with the application.
     *
     * @param client the ledger client
     * @param ledger the device ledger, for re-reading devices
     * @param registry the in-memory registry
     * @param repository the {@code devices} table
     * @param checkpoints the checkpoint store
     * @param publisher publishes {@link DeviceChangedEvent}s
     * @param json the JSON mapper for event payloads
     * @param configuration the ledger settings
     */
    public DeviceEventListener(
            LedgerClient client,
            DeviceLedger ledger,
            LedgerDeviceRegistry registry,
            DeviceRepository repository,
            EventCheckpoints checkpoints,
            ApplicationEventPublisher<DeviceChangedEvent> publisher,
            ObjectMapper json,
            LedgerConfiguration configuration) {
        this.ledger = ledger;
        this.registry = registry;
        this.repository = repository;
        this.publisher = publisher;
        this.json = json;
        this.follower = new ChaincodeEventFollower(
                LISTENER_NAME,
                ChaincodeEventFollower.EventSource.of(client),
                checkpoints,
                configuration.eventsBackoff(),
                new RegistryUpdates());
    }

    /**
     * Starts the listener when the application has started.
     *
     * @param event the startup event
     */
    @EventListener
    public void onStartup(StartupEvent event) {
        start();
    }

    /** Starts the background thread, unless it runs already; the processed-event count starts again at 0. */
    public void start() {
        follower.start();
    }

    /** Stops the background thread and closes its stream, waiting up to five seconds for it to end. */
    public void stop() {
        follower.stop();
    }

    /**
     * Returns how many chaincode events this listener has finished with since it was last started.
     *
     * @return the count
     */
    public long processedEventCount() {
        return follower.processedEventCount();
    }

    /**
     * Tells whether an event stream is open.
     *
     * @return true while connected to the peer's event stream
     */
    public boolean isConnected() {
        return follower.isConnected();
    }

    /**
     * Breaks the current event stream as a network failure would; the listener reconnects from its checkpoint after
     * {@code events-reconnect-min}. For tests and operations.
     */
    public void dropStream() {
        follower.dropStream();
    }

    @PreDestroy
    @Override
    public void close() {
        stop();
    }

    /** What the follower does with each event: re-read the device, update the registry, write the row. */
    private final class RegistryUpdates implements ChaincodeEventFollower.Handler {
        @Override
        public void onStart() {
            warmRegistry();
        }

        @Override
        public boolean onEvent(ChaincodeEvent event) throws LedgerException {
            if (changesDevices(event.getEventName())) {
                ChaincodeEventPayload payload = ChaincodeEventPayload.read(json, event);
                if (payload.deviceIds() != null && !payload.deviceIds().isEmpty()) {
                    ledger.getDevices(payload.deviceIds()).forEach(device -> update(device, event));
                } else if (payload.deviceId() != null) {
                    ledger.getDevice(payload.deviceId()).ifPresent(device -> update(device, event));
                }
            }
            return writePendingRows();
        }
    }

    /**
     * Tells whether an event may have changed device records: every {@code Device*} event, and a group membership
     * change, which moves the member's {@code group} field on the ledger (its payload's {@code deviceId}).
     */
    static boolean changesDevices(String eventName) {
        return eventName.startsWith("Device")
                || "GroupMemberAdded".equals(eventName)
                || "GroupMemberRemoved".equals(eventName);
    }

    private void update(LedgerDevice device, ChaincodeEvent event) {
        registry.update(device);
        unsaved.put(device.deviceId(), new PendingRow(device, event.getTransactionId()));
        publisher.publishEvent(new DeviceChangedEvent(
                device.toRecord(), event.getEventName(), event.getTransactionId(), event.getBlockNumber()));
    }

    /** Writes pending device rows; true once nothing is pending, so the checkpoint may advance. */
    private boolean writePendingRows() {
        try {
            Iterator<PendingRow> pending = unsaved.values().iterator();
            while (pending.hasNext()) {
                PendingRow row = pending.next();
                repository.upsert(row.device(), row.transactionId());
                pending.remove();
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "device registry rows not written yet ({} pending), checkpoint held: {}",
                    unsaved.size(),
                    e.getMessage());
            return false;
        }
    }

    private void warmRegistry() {
        try {
            int rows = repository.forEach(registry::warm);
            LOG.info("device registry warmed with {} devices from the database", rows);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("device registry not warmed from the database: {}", e.getMessage());
        }
    }

    /** A device row still to be written, with the transaction whose event made it change. */
    private record PendingRow(LedgerDevice device, String transactionId) {}
}
