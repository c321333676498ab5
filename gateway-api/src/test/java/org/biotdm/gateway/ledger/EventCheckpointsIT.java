package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.biotdm.gateway.ledger.EventCheckpoints.StoredCheckpoint;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Listener checkpoints in {@code event_checkpoints} through their Micronaut Data mapping, on embedded MariaDB. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
class EventCheckpointsIT implements TestPropertyProvider {
    @Inject
    EventCheckpoints checkpoints;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return TestGateway.properties("checkpoints", false);
    }

    @Test
    void a_listener_without_checkpoint_starts_from_nothing() throws Exception {
        assertThat(checkpoints.load("never-ran")).isEmpty();
    }

    @Test
    void a_checkpoint_at_the_start_of_a_block_keeps_its_null_transaction() throws Exception {
        checkpoints.save("block-start", 12, null);

        StoredCheckpoint stored = checkpoints.load("block-start").orElseThrow();

        assertThat(stored).isEqualTo(new StoredCheckpoint(12, null));
        assertThat(stored.getTransactionId()).isEmpty();
    }

    @Test
    void a_later_save_replaces_the_checkpoint() throws Exception {
        checkpoints.save("replaced", 3, "tx-a");

        checkpoints.save("replaced", 5, "tx-b");

        assertThat(checkpoints.load("replaced")).contains(new StoredCheckpoint(5, "tx-b"));
    }

    @Test
    void a_save_stands_when_the_callers_transaction_rolls_back() {
        assertThatThrownBy(() -> transactions.executeWrite(status -> {
                    saveUnchecked("rolled-back-caller", 9, "tx-c");
                    throw new IllegalStateException("caller fails");
                }))
                .hasMessageContaining("caller fails");

        assertThat(loadUnchecked("rolled-back-caller")).isEqualTo(new StoredCheckpoint(9, "tx-c"));
    }

    private void saveUnchecked(String listener, long block, String transactionId) {
        try {
            checkpoints.save(listener, block, transactionId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredCheckpoint loadUnchecked(String listener) {
        try {
            return checkpoints.load(listener).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
