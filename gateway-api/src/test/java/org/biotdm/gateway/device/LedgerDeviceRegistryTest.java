package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;

class LedgerDeviceRegistryTest {
    private final ScriptedLedger ledger = new ScriptedLedger();

    private LedgerDeviceRegistry registry(Duration interval) {
        LedgerConfiguration configuration = TestSettings.bind(
                LedgerConfiguration.class, Map.of("biotdm.ledger.device-negative-ttl", interval.toMillis() + "ms"));
        return new LedgerDeviceRegistry(ledger, null, configuration);
    }

    private static LedgerDevice device(DeviceStatus status, String fingerprint) {
        return new LedgerDevice(
                "d-1",
                "Org1MSP",
                "env-sensor",
                "Org1MSP/env",
                "1.0.0",
                "lab",
                Map.of(),
                status,
                null,
                null,
                fingerprint,
                null,
                "00".repeat(32),
                1L,
                1L,
                1L,
                "admin",
                "Org1MSP");
    }

    @Test
    void a_record_warmed_from_a_database_behind_the_ledger_is_replaced_by_revalidation() {
        LedgerDeviceRegistry registry = registry(Duration.ofSeconds(5));
        registry.warm(device(DeviceStatus.PROVISIONED, null).toRecord());
        ledger.device = Optional.of(device(DeviceStatus.ACTIVE, "ab".repeat(32)));

        assertThat(registry.find("d-1")).get().extracting(DeviceRecord::status).isEqualTo(DeviceStatus.PROVISIONED);
        assertThat(ledger.reads).as("a cached device costs no ledger read").isZero();

        Optional<DeviceRecord> current = registry.revalidate("d-1");

        assertThat(current).get().extracting(DeviceRecord::status).isEqualTo(DeviceStatus.ACTIVE);
        assertThat(registry.find("d-1"))
                .get()
                .extracting(DeviceRecord::certFingerprint)
                .isEqualTo("ab".repeat(32));
        assertThat(ledger.reads).isEqualTo(1);
    }

    @Test
    void a_device_is_re_read_at_most_once_per_interval() {
        LedgerDeviceRegistry registry = registry(Duration.ofHours(1));
        registry.warm(device(DeviceStatus.ACTIVE, "cd".repeat(32)).toRecord());
        ledger.device = Optional.of(device(DeviceStatus.ACTIVE, "cd".repeat(32)));

        for (int i = 0; i < 5; i++) {
            assertThat(registry.revalidate("d-1")).isPresent();
        }

        assertThat(ledger.reads).isEqualTo(1);
    }

    @Test
    void a_device_the_ledger_no_longer_has_is_forgotten_and_an_unreachable_ledger_keeps_the_cached_record() {
        LedgerDeviceRegistry registry = registry(Duration.ZERO);
        registry.warm(device(DeviceStatus.ACTIVE, "ef".repeat(32)).toRecord());
        ledger.failure =
                new LedgerException(LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, "down", null, null);

        assertThat(registry.revalidate("d-1"))
                .as("no answer: the cached record stands")
                .isPresent();

        ledger.failure = null;
        ledger.device = Optional.empty();
        assertThat(registry.revalidate("d-1")).isEmpty();
        assertThat(ledger.reads).isEqualTo(2);
    }

    @Test
    void unknown_ids_are_remembered_for_the_interval_but_never_more_than_the_bound() {
        LedgerDeviceRegistry registry = registry(Duration.ofHours(1));
        registry.warm(device(DeviceStatus.ACTIVE, "12".repeat(32)).toRecord());

        assertThat(registry.find("ghost")).isEmpty();
        assertThat(registry.find("ghost")).isEmpty();
        assertThat(ledger.reads).as("an unknown ID is read once per interval").isEqualTo(1);

        for (int i = 0; i < LedgerDeviceRegistry.MAX_UNKNOWN + 50_000; i++) {
            registry.find("ghost-" + i);
            registry.revalidate("ghost-" + i);
        }

        assertThat(registry.size()).isLessThanOrEqualTo(LedgerDeviceRegistry.MAX_UNKNOWN + 1);
        assertThat(registry.find("d-1")).as("known devices are never evicted").isPresent();
    }

    private static final class ScriptedLedger extends DeviceLedger {
        Optional<LedgerDevice> device = Optional.empty();
        LedgerException failure;
        int reads;

        ScriptedLedger() {
            super(null, null);
        }

        @Override
        public Optional<LedgerDevice> getDevice(String deviceId) throws LedgerException {
            reads++;
            if (failure != null) {
                throw failure;
            }
            return device.filter(d -> d.deviceId().equals(deviceId));
        }
    }
}
