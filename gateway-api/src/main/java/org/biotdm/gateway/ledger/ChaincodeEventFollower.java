package org.biotdm.gateway.ledger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chaincode's events for one listener on its own background thread: opens a stream ({@code
 * Network.newChaincodeEventsRequest}) at the listener's checkpoint in {@link EventCheckpoints}, or at block 0 when it
 * has none, hands each event to a {@link Handler}, and stores the event's block number and transaction ID as the new
 * checkpoint once the handler is finished with it.
 *
 * <p>A stream that fails (the peer went away, the handler threw, {@link #dropStream()}) is closed and reopened at the
 * stored checkpoint after a pause that starts at {@code reconnectMin} and doubles up to {@code reconnectMax} while
 * streams keep failing; a stream that delivered at least one event starts the doubling again. Processing is therefore
 * at-least-once: an event whose handling failed, or whose checkpoint could not be stored, is delivered again. A
 * checkpoint that cannot be stored is logged and held; the stream goes on.
 */
public final class ChaincodeEventFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeEventFollower.class);
    private static final long STOP_WAIT_MILLIS = 5000;

    private final String name;
    private final EventSource source;
    private final EventCheckpoints checkpoints;
    private final Backoff backoff;
    private final Handler handler;
    private final Pause pause;
    private final AtomicLong processed = new AtomicLong();

    private Thread thread;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile CloseableIterator<ChaincodeEvent> stream;
    private String lastFailure;

    /**
     * Creates a stopped follower.
     *
     * @param name the listener's name: its key in {@code event_checkpoints}, and its thread's name before {@code -events}
     * @param source opens event streams
     * @param checkpoints where the checkpoint is loaded from and stored
     * @param backoff the pauses before reconnecting
     * @param handler what is done with each event
     */
    public ChaincodeEventFollower(
            String name, EventSource source, EventCheckpoints checkpoints, Backoff backoff, Handler handler) {
        this(name, source, checkpoints, backoff, handler, ChaincodeEventFollower::sleep);
    }

    ChaincodeEventFollower(
            String name,
            EventSource source,
            EventCheckpoints checkpoints,
            Backoff backoff,
            Handler handler,
            Pause pause) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.pause = pause;
    }

    /** Starts the background thread, unless it runs already; the processed-event count starts again at 0. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        processed.set(0);
        thread = new Thread(this::run, name + "-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the background thread and closes its stream, waiting up to five seconds for the thread to end. */
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
                stopping.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Returns how many events this follower has finished with (handled, checkpoint stored or held) since it was last
     * started.
     *
     * @return the count, at least 0
     */
    public long processedEventCount() {
        return processed.get();
    }

    /**
     * Tells whether the follower runs (between {@link #start()} and {@link #stop()}); a handler checks it to end long
     * work early when the application stops.
     *
     * @return true while running
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * Tells whether an event stream is open.
     *
     * @return true while a stream is open
     */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Breaks the current event stream as a network failure would; the follower reconnects from its checkpoint after
     * the first reconnect pause. For tests and operations.
     */
    public void dropStream() {
        closeStream();
    }

    private void run() {
        handler.onStart();
        long wait = backoff.min().toMillis();
        while (running) {
            if (followOnce()) {
                wait = backoff.min().toMillis();
            }
            if (!running || !pause.sleep(wait)) {
                return;
            }
            wait = Math.min(wait * 2, backoff.max().toMillis());
        }
    }

    /** Runs one stream until it ends or fails; true when it delivered at least one event. */
    private boolean followOnce() {
        long before = processed.get();
        try {
            handler.beforeStream();
            follow();
        } catch (LedgerException | SQLException | RuntimeException e) {
            if (running) {
                report(e);
            }
        } finally {
            connected = false;
            closeStream();
        }
        return processed.get() > before;
    }

    private void follow() throws LedgerException, SQLException {
        Optional<EventCheckpoints.StoredCheckpoint> checkpoint = checkpoints.load(name);
        try (CloseableIterator<ChaincodeEvent> events = source.open(checkpoint)) {
            stream = events;
            connected = true;
            while (running && events.hasNext()) {
                ChaincodeEvent event = events.next();
                if (handler.onEvent(event)) {
                    saveCheckpoint(event);
                }
                processed.incrementAndGet();
                lastFailure = null;
            }
        } catch (GatewayRuntimeException e) {
            if (running) {
                throw LedgerErrors.translate(e);
            }
        }
    }

    private void saveCheckpoint(ChaincodeEvent event) {
        try {
            checkpoints.save(name, event.getBlockNumber(), event.getTransactionId());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: checkpoint not stored, held at the previous one: {}", name, e.getMessage());
        }
    }

    /** Logs a stream failure at WARN when its reason changed, else at DEBUG, so a long outage is not a log flood. */
    private void report(Exception e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.equals(lastFailure)) {
            LOG.debug("{}: chaincode event stream failed again, reconnecting: {}", name, reason);
        } else {
            LOG.warn("{}: chaincode event stream failed, reconnecting: {}", name, reason);
            lastFailure = reason;
        }
    }

    private void closeStream() {
        CloseableIterator<ChaincodeEvent> open = stream;
        stream = null;
        if (open != null) {
            open.close();
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What a listener does with the events it follows. Every method runs on the follower's thread.
     */
    public interface Handler {
        /** Runs once when the thread starts, before the first stream (for example to warm a cache from the database). */
        default void onStart() {}

        /**
         * Runs before each stream is opened; a failure counts as a failed stream (for example a resync from a query).
         *
         * @throws LedgerException when the ledger cannot be read; the follower pauses and tries again
         */
        default void beforeStream() throws LedgerException {}

        /**
         * Handles one event, in ledger order.
         *
         * @param event the event
         * @return true when the checkpoint may advance past this event, false to hold it (the event is then seen again
         *     after the next reconnect)
         * @throws LedgerException when the ledger cannot be read; the stream ends and is reopened at the checkpoint
         * @throws SQLException when the database cannot be written; the stream ends and is reopened at the checkpoint
         */
        boolean onEvent(ChaincodeEvent event) throws LedgerException, SQLException;
    }

    /** Opens chaincode event streams; the seam between the follower and fabric-gateway. */
    @FunctionalInterface
    public interface EventSource {
        /**
         * Opens a stream of the chaincode's events.
         *
         * @param checkpoint where to resume, or empty to start at block 0
         * @return the stream; closing it cancels the underlying gRPC call
         * @throws LedgerException {@code LEDGER_UNAVAILABLE} when the ledger is not configured or unreachable
         */
        CloseableIterator<ChaincodeEvent> open(Optional<? extends Checkpoint> checkpoint) throws LedgerException;

        /**
         * Returns the source reading the configured chaincode's events as the gateway's own identity.
         *
         * @param client the ledger client
         * @return the source
         */
        static EventSource of(LedgerClient client) {
            return checkpoint -> {
                Network network = client.network(client.gatewayIdentity());
                ChaincodeEventsRequest.Builder request =
                        network.newChaincodeEventsRequest(client.chaincode()).startBlock(0);
                checkpoint.ifPresent(request::checkpoint);
                return request.build().getEvents();
            };
        }

        /**
         * Returns the source reading the configured chaincode's events as the gateway's own identity from the next
         * block committed after the first stream opens (fabric-gateway's default start), then from the checkpoint:
         * for a listener that only reacts to what happens from now on.
         *
         * @param client the ledger client
         * @return the source
         */
        static EventSource fromNextBlock(LedgerClient client) {
            return checkpoint -> {
                Network network = client.network(client.gatewayIdentity());
                ChaincodeEventsRequest.Builder request = network.newChaincodeEventsRequest(client.chaincode());
                checkpoint.ifPresent(request::checkpoint);
                return request.build().getEvents();
            };
        }
    }

    /**
     * The pauses between reconnect attempts.
     *
     * @param min the first pause, positive
     * @param max the longest pause, at least {@code min}
     */
    public record Backoff(Duration min, Duration max) {
        /**
         * Checks the bounds.
         *
         * @param min the first pause
         * @param max the longest pause
         * @throws IllegalArgumentException when {@code min} is not positive or {@code max} is shorter than it
         */
        public Backoff {
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("reconnect pauses need 0 < min <= max, got " + min + ", " + max);
            }
        }
    }

    /** Waits between reconnect attempts; replaced in tests to record the pauses. */
    @FunctionalInterface
    interface Pause {
        /**
         * Waits.
         *
         * @param millis how long
         * @return false when interrupted (the follower then stops)
         */
        boolean sleep(long millis);
    }
}
