package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.gateway.device.DeviceChange;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.LedgerBatch;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClaimGroupCommitTest {
    private final BatchLedger ledger = new BatchLedger();
    private final ClaimGroupCommit commit =
            new ClaimGroupCommit(ledger, new ClaimCommitConfiguration(Duration.ofMillis(200), 1));
    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        commit.close();
        callers.shutdownNow();
    }

    private static DeviceLedger.Claim claim(String deviceId) {
        return new DeviceLedger.Claim(deviceId, "pem", "ab".repeat(32), "token-0123456789abcdef".getBytes());
    }

    private List<Future<DeviceChange>> claimAtOnce(String... deviceIds) {
        List<Future<DeviceChange>> out = new ArrayList<>();
        for (String id : deviceIds) {
            out.add(callers.submit(() -> commit.claim(claim(id))));
        }
        return out;
    }

    private static LedgerException refusal(Future<DeviceChange> future) {
        Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class, future::get)
                .getCause();
        assertThat(failure).isInstanceOf(LedgerException.class);
        return (LedgerException) failure;
    }

    @Test
    void gathers_concurrent_claims_into_one_transaction_with_a_result_each() throws Exception {
        ledger.refused.put("d-2", "CLAIM_TOKEN_MISMATCH");

        List<Future<DeviceChange>> results = claimAtOnce("d-1", "d-2", "d-3");

        assertThat(results.get(0).get().device().deviceId()).isEqualTo("d-1");
        assertThat(results.get(0).get().receipt()).isEqualTo(new LedgerReceipt("tx-1", 7));
        assertThat(results.get(2).get().device().deviceId()).isEqualTo("d-3");
        LedgerException mismatch = refusal(results.get(1));
        assertThat(mismatch.code()).isEqualTo(ErrorCode.CLAIM_TOKEN_MISMATCH);
        assertThat(mismatch.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
        assertThat(mismatch.getMessage()).isEqualTo("no match for d-2");
        assertThat(ledger.batches).hasSize(1);
        assertThat(ledger.batches.get(0)).containsExactlyInAnyOrder("d-1", "d-2", "d-3");
    }

    @Test
    void sends_a_second_claim_of_one_device_in_the_next_transaction() throws Exception {
        List<Future<DeviceChange>> results = claimAtOnce("d-1", "d-1");

        results.get(0).get();
        results.get(1).get();
        assertThat(ledger.batches).containsExactly(List.of("d-1"), List.of("d-1"));
    }

    @Test
    void gives_every_claim_of_the_batch_its_unknown_outcome() {
        ledger.wholeFailure = new LedgerException(
                LedgerException.Kind.UNKNOWN_OUTCOME, ErrorCode.LEDGER_UNKNOWN_OUTCOME, "no status", "tx-9", null);

        List<Future<DeviceChange>> results = claimAtOnce("d-1", "d-2");

        assertThat(results).allSatisfy(result -> {
            LedgerException failure = refusal(result);
            assertThat(failure.kind()).isEqualTo(LedgerException.Kind.UNKNOWN_OUTCOME);
            assertThat(failure.transactionId()).isEqualTo("tx-9");
        });
    }

    /** Answers ClaimDevices as the chaincode would, refusing the devices in {@link #refused} with their code. */
    private static final class BatchLedger extends DeviceLedger {
        final Map<String, String> refused = new java.util.concurrent.ConcurrentHashMap<>();
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        volatile LedgerException wholeFailure;

        BatchLedger() {
            super(null, null);
        }

        @Override
        public BatchChange claimDevices(List<Claim> claims) throws LedgerException {
            batches.add(claims.stream().map(Claim::deviceId).toList());
            if (wholeFailure != null) {
                throw wholeFailure;
            }
            List<LedgerBatch.Item> items = new ArrayList<>();
            for (Claim c : claims) {
                String code = refused.get(c.deviceId());
                items.add(
                        code == null
                                ? new LedgerBatch.Item(items.size(), c.deviceId(), active(c.deviceId()), null, null)
                                : new LedgerBatch.Item(
                                        items.size(),
                                        c.deviceId(),
                                        null,
                                        code,
                                        "[" + code + "] no match for " + c.deviceId()));
            }
            return new BatchChange(new LedgerBatch(0, items, 0), new LedgerReceipt("tx-1", 7));
        }

        private static LedgerDevice active(String deviceId) {
            return new LedgerDevice(
                    deviceId,
                    "Org1MSP",
                    "env-sensor",
                    "Org1MSP/env",
                    "1.0.0",
                    "lab",
                    Map.of(),
                    DeviceStatus.ACTIVE,
                    null,
                    "pem",
                    "ab".repeat(32),
                    null,
                    null,
                    2L,
                    1L,
                    2L,
                    "gw",
                    "Org1MSP");
        }
    }
}
