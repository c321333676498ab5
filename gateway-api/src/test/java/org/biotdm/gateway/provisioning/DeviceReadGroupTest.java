package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceReadGroupTest {
    private final ReadLedger ledger = new ReadLedger();
    private final DeviceReadGroup reads =
            new DeviceReadGroup(ledger, new ClaimCommitConfiguration(Duration.ofMillis(200), 1));
    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        reads.close();
        callers.shutdownNow();
    }

    private List<Future<Optional<LedgerDevice>>> readAtOnce(String... deviceIds) {
        List<Future<Optional<LedgerDevice>>> out = new ArrayList<>();
        for (String id : deviceIds) {
            out.add(callers.submit(() -> reads.read(id)));
        }
        return out;
    }

    @Test
    void reads_concurrent_devices_in_one_get_devices_with_each_callers_own_record() throws Exception {
        List<Future<Optional<LedgerDevice>>> results = readAtOnce("d-1", "missing", "d-3");

        assertThat(results.get(0).get()).map(LedgerDevice::deviceId).contains("d-1");
        assertThat(results.get(1).get()).as("a device the ledger does not have").isEmpty();
        assertThat(results.get(2).get()).map(LedgerDevice::deviceId).contains("d-3");
        assertThat(ledger.queries).singleElement().asList().containsExactlyInAnyOrder("d-1", "missing", "d-3");
    }

    @Test
    void reads_one_device_asked_twice_in_consecutive_evaluations() throws Exception {
        List<Future<Optional<LedgerDevice>>> results = readAtOnce("d-1", "d-1");

        assertThat(results.get(0).get()).isPresent();
        assertThat(results.get(1).get()).isPresent();
        assertThat(ledger.queries).containsExactly(List.of("d-1"), List.of("d-1"));
    }

    @Test
    void gives_every_reader_the_failure_of_the_evaluation() {
        ledger.failure = new LedgerException(
                LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, "no peer", null, null);

        List<Future<Optional<LedgerDevice>>> results = readAtOnce("d-1", "d-2");

        assertThat(results).allSatisfy(result -> assertThat(catchThrowableOfType(ExecutionException.class, result::get)
                        .getCause())
                .isSameAs(ledger.failure));
    }

    /** Answers GetDevices with every queried device except {@code missing}, recording each query. */
    private static final class ReadLedger extends DeviceLedger {
        final List<List<String>> queries = new CopyOnWriteArrayList<>();
        volatile LedgerException failure;

        ReadLedger() {
            super(null, null);
        }

        @Override
        public List<LedgerDevice> getDevices(List<String> deviceIds) throws LedgerException {
            queries.add(deviceIds);
            if (failure != null) {
                throw failure;
            }
            return deviceIds.stream()
                    .filter(id -> !"missing".equals(id))
                    .map(ReadLedger::provisioned)
                    .toList();
        }

        private static LedgerDevice provisioned(String deviceId) {
            return new LedgerDevice(
                    deviceId,
                    "Org1MSP",
                    "env-sensor",
                    "Org1MSP/env",
                    "1.0.0",
                    "lab",
                    Map.of(),
                    DeviceStatus.PROVISIONED,
                    null,
                    null,
                    null,
                    null,
                    "ab".repeat(32),
                    null,
                    1L,
                    1L,
                    "admin",
                    "Org1MSP");
        }
    }
}
