package org.biotdm.gateway.grant;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.ledger.ChaincodeEventFollower;
import org.biotdm.gateway.ledger.EventCheckpoints;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link GrantIndex} and {@code device_grants} equal to the ledger's active grants, on a background thread.
 *
 * <ol>
 *   <li>At start the index is warmed from {@code device_grants}, so operators keep their visibility while the ledger
 *       is still unreachable.
 *   <li>Then a full resync: every page of {@code ListGrants} replaces the index and the table.
 *   <li>Then the chaincode event stream, from the checkpoint {@value #LISTENER_NAME} in {@code event_checkpoints}
 *       (or block 0): on each {@code DeviceAccessGranted} / {@code DeviceAccessRevoked} the grant is re-read with
 *       {@code GetGrant} and applied (active: added or replaced; revoked: removed), then the checkpoint advances.
 *       Re-reading makes replays harmless, so processing is at-least-once.
 * </ol>
 *
 * A failed resync or stream is retried by the {@link ChaincodeEventFollower} after {@code
 * biotdm.ledger.events-reconnect-min}, doubling up to {@code
 * events-reconnect-max}. Runs unless {@code biotdm.ledger.events-enabled} is false.
 */
@Singleton
@Requires(property = "biotdm.ledger.events-enabled", notEquals = "false")
public class GrantEventListener implements AutoCloseable {
    /** The listener's name in {@code event_checkpoints}. */
    public static final String LISTENER_NAME = "device-access-grants";

    private static final Logger LOG = LoggerFactory.getLogger(GrantEventListener.class);
    private static final String GRANTED = "DeviceAccessGranted";
    private static final String REVOKED = "DeviceAccessRevoked";
    private static final String KEY_PREFIX = "grant:";
    private static final int RESYNC_PAGE_SIZE = 200;

    private final GrantLedger ledger;
    private final GrantIndex index;
    private final GrantRepository repository;
    private final ObjectMapper json;
    private final ChaincodeEventFollower follower;
    private volatile boolean synced;

    /**
     * Creates the listener; it starts with the application.
     *
     * @param client the ledger client
     * @param ledger the grants contract
     * @param index the in-memory index
     * @param repository the {@code device_grants} table
     * @param checkpoints the checkpoint store
     * @param json the JSON mapper for event payloads
     * @param configuration the ledger settings
     */
    public GrantEventListener(
            LedgerClient client,
            GrantLedger ledger,
            GrantIndex index,
            GrantRepository repository,
            EventCheckpoints checkpoints,
            ObjectMapper json,
            LedgerConfiguration configuration) {
        this.ledger = ledger;
        this.index = index;
        this.repository = repository;
        this.json = json;
        this.follower = new ChaincodeEventFollower(
                LISTENER_NAME,
                ChaincodeEventFollower.EventSource.of(client),
                checkpoints,
                configuration.eventsBackoff(),
                new GrantUpdates());
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

    /** Starts the background thread unless it runs already. */
    public void start() {
        follower.start();
    }

    /**
     * Tells whether the full resync from {@code ListGrants} has completed since the start.
     *
     * @return true once the index holds the ledger's grants
     */
    public boolean isSynced() {
        return synced;
    }

    @PreDestroy
    @Override
    public void close() {
        follower.stop();
    }

    /** What the follower does: warm, resync once, then apply each grant event. */
    private final class GrantUpdates implements ChaincodeEventFollower.Handler {
        @Override
        public void onStart() {
            warm();
        }

        @Override
        public void beforeStream() throws LedgerException {
            if (!synced) {
                resync();
            }
        }

        @Override
        public boolean onEvent(ChaincodeEvent event) throws LedgerException, SQLException {
            apply(event);
            return true;
        }
    }

    private void warm() {
        try {
            List<LedgerGrant> stored = repository.findAll();
            if (index.size() == 0) {
                index.replaceAll(stored);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("grant index not warmed from the database: {}", e.getMessage());
        }
    }

    /** Reads every page of ListGrants, then replaces the index and the table. */
    void resync() throws LedgerException {
        List<LedgerGrant> grants = new ArrayList<>();
        String bookmark = null;
        do {
            GrantLedger.GrantPage page =
                    ledger.listGrants(new GrantLedger.GrantQuery(null, null, null, RESYNC_PAGE_SIZE, bookmark));
            grants.addAll(page.records());
            bookmark = page.bookmark().isEmpty() ? null : page.bookmark();
        } while (bookmark != null && follower.isRunning());
        index.replaceAll(grants);
        synced = true;
        try {
            repository.replaceAll(grants);
        } catch (SQLException e) {
            LOG.warn("device_grants not rewritten after the resync: {}", e.getMessage());
        }
        LOG.info("grant index resynchronised with {} active grants from the ledger", grants.size());
    }

    private void apply(ChaincodeEvent event) throws LedgerException, SQLException {
        String name = event.getEventName();
        if (GRANTED.equals(name) || REVOKED.equals(name)) {
            String grantId = grantId(event);
            if (grantId != null) {
                Optional<LedgerGrant> grant = ledger.getGrant(grantId);
                if (grant.isPresent()) {
                    index.apply(grant.get());
                    repository.apply(grant.get());
                }
            }
        }
    }

    private String grantId(ChaincodeEvent event) {
        try {
            String key = json.readValue(event.getPayload(), EventKey.class).key();
            return key != null && key.startsWith(KEY_PREFIX) ? key.substring(KEY_PREFIX.length()) : null;
        } catch (IOException e) {
            LOG.warn("grant event in transaction {} has no readable payload", event.getTransactionId());
            return null;
        }
    }

    /** The property of a chaincode event payload naming the entity, {@code grant:<grantId>}. */
    @Serdeable
    record EventKey(@Nullable String key) {}
}
