package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.Status.Code;
import io.micronaut.context.BeanProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.testing.TestSettings;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerClientTest {
    private final LedgerConfiguration configuration = TestSettings.bind(
            LedgerConfiguration.class,
            Map.of("biotdm.ledger.conflict-backoff", "1ms", "biotdm.ledger.conflict-attempts", 3));
    private final RecordingLog log = new RecordingLog();
    private LedgerClient client;

    private LedgerClient client() {
        client = new LedgerClient(
                configuration, new GatewayPool(configuration), new LedgerIdentities(configuration), log);
        return client;
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void read_conflicts_are_retried_with_new_transactions_until_one_commits() throws Exception {
        Outcomes outcomes = new Outcomes(
                TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.PHANTOM_READ_CONFLICT, TxValidationCode.VALID);

        LedgerResult result = client().submit(outcomes, "devices:ClaimDevice", "device:d-1", "gw");

        assertThat(outcomes.transactionIds).hasSize(3).doesNotHaveDuplicates();
        assertThat(result.transactionId()).isEqualTo(outcomes.transactionIds.get(2));
        assertThat(result.blockNumber()).isEqualTo(12);
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(log.statuses).containsExactly("MVCC_READ_CONFLICT", "PHANTOM_READ_CONFLICT", "COMMITTED");
    }

    @Test
    void conflicts_on_every_attempt_end_as_conflict_with_the_last_transaction() {
        Outcomes outcomes = new Outcomes(
                TxValidationCode.MVCC_READ_CONFLICT,
                TxValidationCode.MVCC_READ_CONFLICT,
                TxValidationCode.MVCC_READ_CONFLICT,
                TxValidationCode.VALID);

        assertThatThrownBy(() -> client().submit(outcomes, "devices:ClaimDevice", "device:d-1", "gw"))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LedgerException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_CONFLICT);
                    assertThat(e.transactionId()).isEqualTo(outcomes.transactionIds.get(2));
                });
        assertThat(outcomes.transactionIds).hasSize(3);
    }

    @Test
    void other_invalidation_codes_are_not_retried() {
        Outcomes outcomes = new Outcomes(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID);

        assertThatThrownBy(() -> client().submit(outcomes, "devices:SuspendDevice", "device:d-1", "admin"))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
                    assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_TRANSACTION_INVALID);
                });
        assertThat(outcomes.transactionIds).hasSize(1);
        assertThat(log.statuses).containsExactly("ENDORSEMENT_POLICY_FAILURE");
    }

    @Test
    void endorsement_failure_is_translated_logged_and_not_retried() {
        Outcomes outcomes = new Outcomes(TxValidationCode.VALID);
        outcomes.endorseFailure = Code.UNAVAILABLE;

        assertThatThrownBy(() -> client().submit(outcomes, "devices:ClaimDevice", "device:d-1", "gw"))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
                    assertThat(e.transactionId()).isEqualTo(outcomes.transactionIds.get(0));
                });
        assertThat(log.statuses).containsExactly(TransactionLog.ENDORSE_FAILED);
    }

    @Test
    void lost_commit_status_is_an_unknown_outcome() {
        Outcomes outcomes = new Outcomes(TxValidationCode.VALID);
        outcomes.statusFailure = true;

        assertThatThrownBy(() -> client().submit(outcomes, "anchors:AnchorTelemetry", "anchor:w-1", "gw"))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LedgerException.Kind.UNKNOWN_OUTCOME);
                    assertThat(e.transactionId()).isEqualTo(outcomes.transactionIds.get(0));
                });
        assertThat(log.statuses).containsExactly(TransactionLog.UNKNOWN);
    }

    /** A transaction log that remembers statuses instead of writing them. */
    private static final class RecordingLog extends TransactionLog {
        final List<String> statuses = new ArrayList<>();

        RecordingLog() {
            super(new BeanProvider<TransactionLogRepository>() {
                @Override
                public TransactionLogRepository get() {
                    throw new IllegalStateException("no database in this test");
                }
            });
        }

        @Override
        public void record(
                String transactionId,
                String function,
                String entityKey,
                String submitter,
                String status,
                Long blockNumber) {
            statuses.add(status);
        }
    }

    /** Builds one fake proposal per attempt, each committing with the next scripted validation code. */
    private static final class Outcomes implements Supplier<Proposal> {
        final Deque<TxValidationCode> codes;
        final List<String> transactionIds = new ArrayList<>();
        Code endorseFailure;
        boolean statusFailure;

        Outcomes(TxValidationCode... codes) {
            this.codes = new ArrayDeque<>(List.of(codes));
        }

        @Override
        public Proposal get() {
            String txId = String.format("%064x", transactionIds.size() + 1);
            transactionIds.add(txId);
            return new FakeTransaction(this, txId, codes.removeFirst());
        }
    }

    /** A proposal, endorsed transaction and submitted transaction at once, following a script. */
    private static final class FakeTransaction implements Proposal, Transaction, SubmittedTransaction, Status {
        private final Outcomes script;
        private final String txId;
        private final TxValidationCode code;

        FakeTransaction(Outcomes script, String txId, TxValidationCode code) {
            this.script = script;
            this.txId = txId;
            this.code = code;
        }

        @Override
        public String getTransactionId() {
            return txId;
        }

        @Override
        public byte[] evaluate(UnaryOperator<CallOptions> options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Transaction endorse(UnaryOperator<CallOptions> options) throws EndorseException {
            if (script.endorseFailure != null) {
                throw new EndorseException(txId, LedgerErrorsTest.grpcError(script.endorseFailure, "endorse failed"));
            }
            return this;
        }

        @Override
        public byte[] getResult() {
            return "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] submit(UnaryOperator<CallOptions> options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SubmittedTransaction submitAsync(UnaryOperator<CallOptions> options) {
            return this;
        }

        @Override
        public Status getStatus(UnaryOperator<CallOptions> options) throws CommitStatusException {
            if (script.statusFailure) {
                throw new CommitStatusException(
                        txId, LedgerErrorsTest.grpcError(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
            }
            return this;
        }

        @Override
        public long getBlockNumber() {
            return 10 + script.transactionIds.size() - 1;
        }

        @Override
        public TxValidationCode getCode() {
            return code;
        }

        @Override
        public boolean isSuccessful() {
            return code == TxValidationCode.VALID;
        }

        @Override
        public byte[] getBytes() {
            return new byte[0];
        }

        @Override
        public byte[] getDigest() {
            return new byte[0];
        }
    }
}
