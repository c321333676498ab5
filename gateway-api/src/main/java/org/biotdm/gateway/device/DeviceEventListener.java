package org.biotdm.gateway.device;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.ledger.EventCheckpoints;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerErrors;
import org.biotdm.gateway.ledger.LedgerException;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the BIoT-DM chaincode's events on a background thread and keeps the device registry current: on every
 * {@code Device*} event it re-reads the device ({@code GetDevice}), replaces the in-memory entry of {@link
 * LedgerDeviceRegistry}, upserts the {@code devices} row and publishes a {@link DeviceChangedEvent}.
 *
 * <p>Resumption: after each event the listener stores its checkpoint (block number and transaction ID) in {@code
 * event_checkpoints} under {@value #LISTENER_NAME}; a new stream, after a failure or a restart, starts from the stored
 * checkpoint, or from block 0 when there is none, so the {@code devices} table ends up complete. Processing is
 * at-least-once: an event whose device cannot be re-read ends the stream, and the next stream starts again before it.
 * While the database refuses writes, devices whose row could not be written are remembered and the checkpoint is not
 * advanced, so nothing is skipped; the in-memory registry is updated regardless, which is what enforcement needs.
 *
 * <p>Failed streams are reopened after {@code biotdm.ledger.events-reconnect-min}, doubling up to {@code
 * events-reconnect-max}. Runs unless {@code biotdm.ledger.events-enabled} is false.
 */
@Singleton
@Requires(property = "biotdm.ledger.events-enabled", notEquals = "false")
public class DeviceEventListener implements AutoCloseable {
    /** The listener's name in {@code event_checkpoints}. */
    public static final String LISTENER_NAME = "device-registry";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEventListener.class);

    private final LedgerClient client;
    private final DeviceLedger ledger;
    private final LedgerDeviceRegistry registry;
    private final DeviceRepository repository;
    private final EventCheckpoints checkpoints;
    private final ApplicationEventPublisher<DeviceChangedEvent> publisher;
    private final ObjectMapper json;
    private final LedgerConfiguration configuration;
    private final AtomicLong processed = new AtomicLong();
    private final Map<String, PendingRow> unsaved = new LinkedHashMap<>();

    private Thread thread;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile CloseableIterator<ChaincodeEvent> stream;
    private String lastFailure;

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
        this.client = client;
        this.ledger = ledger;
        this.registry = registry;
        this.repository = repository;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.json = json;
        this.configuration = configuration;
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
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        processed.set(0);
        thread = new Thread(this::run, "device-event-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the background thread and closes its stream, waiting up to five seconds for it to end. */
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        closeStream();
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Returns how many chaincode events this listener has finished with since it was last started.
     *
     * @return the count
     */
    public long processedEventCount() {
        return processed.get();
    }

    /**
     * Tells whether an event stream is open.
     *
     * @return true while connected to the peer's event stream
     */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Breaks the current event stream as a network failure would; the listener reconnects from its checkpoint after
     * {@code events-reconnect-min}. For tests and operations.
     */
    public void dropStream() {
        closeStream();
    }

    @PreDestroy
    @Override
    public void close() {
        stop();
    }

    private void run() {
        warmRegistry();
        long pause = configuration.eventsReconnectMin().toMillis();
        while (running) {
            try {
                if (consume()) {
                    pause = configuration.eventsReconnectMin().toMillis();
                }
            } catch (LedgerException | SQLException | RuntimeException e) {
                if (running) {
                    report(e, pause);
                }
            } finally {
                connected = false;
                closeStream();
            }
            if (!sleep(pause)) {
                return;
            }
            pause = Math.min(pause * 2, configuration.eventsReconnectMax().toMillis());
        }
    }

    /** Opens a stream at the checkpoint and applies its events until it fails; true when any event was applied. */
    private boolean consume() throws LedgerException, SQLException {
        Network network = client.network(client.gatewayIdentity());
        ChaincodeEventsRequest.Builder request =
                network.newChaincodeEventsRequest(client.chaincode()).startBlock(0);
        Optional<EventCheckpoints.StoredCheckpoint> checkpoint = checkpoints.load(LISTENER_NAME);
        checkpoint.ifPresent(request::checkpoint);
        boolean applied = false;
        try (CloseableIterator<ChaincodeEvent> events = request.build().getEvents()) {
            stream = events;
            connected = true;
            while (running && events.hasNext()) {
                apply(events.next());
                applied = true;
                lastFailure = null;
            }
        } catch (GatewayRuntimeException e) {
            if (running) {
                throw LedgerErrors.translate(e);
            }
        }
        return applied;
    }

    private void apply(ChaincodeEvent event) throws LedgerException {
        if (event.getEventName().startsWith("Device")) {
            String deviceId = deviceId(event);
            if (deviceId != null) {
                Optional<LedgerDevice> device = ledger.getDevice(deviceId);
                if (device.isPresent()) {
                    registry.update(device.get());
                    unsaved.put(deviceId, new PendingRow(device.get(), event.getTransactionId()));
                    publisher.publishEvent(new DeviceChangedEvent(
                            device.get().toRecord(),
                            event.getEventName(),
                            event.getTransactionId(),
                            event.getBlockNumber()));
                }
            }
        }
        persist(event);
        processed.incrementAndGet();
    }

    /** Writes pending device rows, then the checkpoint once nothing is pending. */
    private void persist(ChaincodeEvent event) {
        try {
            Iterator<PendingRow> pending = unsaved.values().iterator();
            while (pending.hasNext()) {
                PendingRow row = pending.next();
                repository.upsert(row.device(), row.transactionId());
                pending.remove();
            }
            checkpoints.save(LISTENER_NAME, event.getBlockNumber(), event.getTransactionId());
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "device registry rows not written yet ({} pending), checkpoint held: {}",
                    unsaved.size(),
                    e.getMessage());
        }
    }

    /** Logs a stream failure at WARN when its reason changed, else at DEBUG, so a long outage is not a log flood. */
    private void report(Exception e, long pause) {
        String reason = String.valueOf(e.getMessage());
        if (reason.equals(lastFailure)) {
            LOG.debug("chaincode event stream failed again, reconnecting in {} ms: {}", pause, reason);
        } else {
            LOG.warn("chaincode event stream failed, reconnecting in {} ms: {}", pause, reason);
            lastFailure = reason;
        }
    }

    private String deviceId(ChaincodeEvent event) {
        try {
            return json.readValue(event.getPayload(), EventPayload.class).deviceId();
        } catch (IOException e) {
            LOG.warn(
                    "event {} in transaction {} has no readable payload",
                    event.getEventName(),
                    event.getTransactionId());
            return null;
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

    private void closeStream() {
        CloseableIterator<ChaincodeEvent> open = stream;
        stream = null;
        if (open != null) {
            open.close();
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A device row still to be written, with the transaction whose event made it change. */
    private record PendingRow(LedgerDevice device, String transactionId) {}

    /** The properties of a BIoT-DM chaincode event payload that the listener reads. */
    @Serdeable
    record EventPayload(@Nullable String deviceId, @Nullable String type, @Nullable String key) {}
}
