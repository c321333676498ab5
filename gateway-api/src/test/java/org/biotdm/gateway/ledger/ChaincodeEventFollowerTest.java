package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.biotdm.gateway.error.ErrorCode;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.junit.jupiter.api.Test;

class ChaincodeEventFollowerTest {
    private static final String NAME = "test-listener";
    private static final ChaincodeEventFollower.Backoff BACKOFF =
            new ChaincodeEventFollower.Backoff(Duration.ofMillis(100), Duration.ofMillis(400));

    private final MemoryCheckpoints checkpoints = new MemoryCheckpoints();
    private final ScriptedSource source = new ScriptedSource();
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Runs the follower until the script is used up (the pause after the last stream stops it). */
    private void follow(ChaincodeEventFollower.Handler handler) throws InterruptedException {
        int streams = source.script.size();
        ChaincodeEventFollower follower = new ChaincodeEventFollower(NAME, source, checkpoints, BACKOFF, handler, m -> {
            pauses.add(m);
            if (pauses.size() < streams) {
                return true;
            }
            finished.countDown();
            return false;
        });
        follower.start();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        follower.stop();
        assertThat(follower.isRunning()).isFalse();
    }

    private ChaincodeEventFollower.Handler recording(Predicate<ChaincodeEvent> checkpointAfter) {
        return event -> {
            handled.add(event.getTransactionId());
            return checkpointAfter.test(event);
        };
    }

    @Test
    void every_stream_starts_at_the_checkpoint_of_the_last_event_handled() throws Exception {
        source.stream(event(5, "tx-a"), event(6, "tx-b"));
        source.stream(event(7, "tx-c"));
        source.stream();

        follow(recording(event -> true));

        assertThat(handled).containsExactly("tx-a", "tx-b", "tx-c");
        assertThat(source.openedAt).containsExactly("none", "6/tx-b", "7/tx-c");
        assertThat(checkpoints.stored).containsEntry(NAME, new EventCheckpoints.StoredCheckpoint(7, "tx-c"));
    }

    @Test
    void a_held_event_leaves_the_checkpoint_where_it_was_so_the_next_stream_delivers_it_again() throws Exception {
        source.stream(event(5, "tx-a"), event(6, "tx-b"));
        source.stream();

        follow(recording(event -> !event.getTransactionId().equals("tx-b")));

        assertThat(source.openedAt).containsExactly("none", "5/tx-a");
    }

    @Test
    void pauses_double_while_streams_fail_up_to_the_maximum_and_start_again_after_a_delivered_event() throws Exception {
        for (int i = 0; i < 4; i++) {
            source.failToOpen();
        }
        source.stream(event(1, "tx-a"));
        source.failToOpen();

        follow(recording(event -> true));

        assertThat(pauses).containsExactly(100L, 200L, 400L, 400L, 100L, 200L);
    }

    @Test
    void a_failing_handler_ends_the_stream_and_its_event_is_delivered_again() throws Exception {
        source.stream(event(5, "tx-a"), event(6, "tx-b"));
        source.stream();

        follow(event -> {
            handled.add(event.getTransactionId());
            if (event.getTransactionId().equals("tx-b")) {
                throw new SQLException("database down");
            }
            return true;
        });

        assertThat(handled).containsExactly("tx-a", "tx-b");
        assertThat(source.openedAt).containsExactly("none", "5/tx-a");
        assertThat(pauses).containsExactly(100L, 200L);
    }

    @Test
    void a_checkpoint_that_cannot_be_stored_is_held_and_the_stream_goes_on() throws Exception {
        checkpoints.failSaves = true;
        source.stream(event(5, "tx-a"), event(6, "tx-b"));
        source.stream();

        follow(recording(event -> true));

        assertThat(handled).containsExactly("tx-a", "tx-b");
        assertThat(source.openedAt).containsExactly("none", "none");
    }

    @Test
    void the_handler_prepares_once_per_start_and_before_every_stream() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        source.stream(event(5, "tx-a"));
        source.stream();

        follow(new ChaincodeEventFollower.Handler() {
            @Override
            public void onStart() {
                calls.add("start");
            }

            @Override
            public void beforeStream() {
                calls.add("before-stream");
            }

            @Override
            public boolean onEvent(ChaincodeEvent event) {
                calls.add(event.getTransactionId());
                return true;
            }
        });

        assertThat(calls).containsExactly("start", "before-stream", "tx-a", "before-stream");
    }

    @Test
    void refuses_pauses_whose_maximum_is_below_the_minimum() {
        assertThatThrownBy(() -> new ChaincodeEventFollower.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChaincodeEventFollower.Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ChaincodeEvent event(long block, String transactionId) {
        return new TestEvent(block, transactionId);
    }

    private record TestEvent(long getBlockNumber, String getTransactionId) implements ChaincodeEvent {
        @Override
        public String getChaincodeName() {
            return "biotdm";
        }

        @Override
        public String getEventName() {
            return "DeviceRegistered";
        }

        @Override
        public byte[] getPayload() {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Opens the scripted streams in order, recording the checkpoint each was opened at. */
    private static final class ScriptedSource implements ChaincodeEventFollower.EventSource {
        private final Deque<Optional<List<ChaincodeEvent>>> script = new ArrayDeque<>();
        private final List<String> openedAt = Collections.synchronizedList(new ArrayList<>());

        /** Scripts a stream that delivers the events, then fails with UNAVAILABLE as a peer going away does. */
        void stream(ChaincodeEvent... events) {
            script.add(Optional.of(List.of(events)));
        }

        /** Scripts a stream that cannot be opened. */
        void failToOpen() {
            script.add(Optional.empty());
        }

        @Override
        public CloseableIterator<ChaincodeEvent> open(Optional<? extends Checkpoint> checkpoint)
                throws LedgerException {
            openedAt.add(checkpoint
                    .map(c -> c.getBlockNumber().orElseThrow() + "/"
                            + c.getTransactionId().orElse(""))
                    .orElse("none"));
            Optional<List<ChaincodeEvent>> events = script.poll();
            if (events == null || events.isEmpty()) {
                throw new LedgerException(
                        LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, "peer down", null, null);
            }
            return new FailingAtEnd(events.get().iterator());
        }
    }

    /** A stream that delivers its events, then fails as a broken gRPC stream does. */
    private record FailingAtEnd(Iterator<ChaincodeEvent> events) implements CloseableIterator<ChaincodeEvent> {
        @Override
        public boolean hasNext() {
            if (!events.hasNext()) {
                throw new GatewayRuntimeException(Status.UNAVAILABLE.asRuntimeException());
            }
            return true;
        }

        @Override
        public ChaincodeEvent next() {
            return events.next();
        }

        @Override
        public void close() {}
    }

    /** Checkpoints kept in memory instead of {@code event_checkpoints}. */
    private static final class MemoryCheckpoints extends EventCheckpoints {
        private final Map<String, StoredCheckpoint> stored = new HashMap<>();
        private volatile boolean failSaves;

        MemoryCheckpoints() {
            super(null);
        }

        @Override
        public synchronized Optional<StoredCheckpoint> load(String listener) {
            return Optional.ofNullable(stored.get(listener));
        }

        @Override
        public synchronized void save(String listener, long blockNumber, String transactionId) throws SQLException {
            if (failSaves) {
                throw new SQLException("database down");
            }
            stored.put(listener, new StoredCheckpoint(blockNumber, transactionId));
        }
    }
}
