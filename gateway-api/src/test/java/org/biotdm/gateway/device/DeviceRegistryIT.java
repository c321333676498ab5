package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.biotdm.gateway.ledger.EventCheckpoints;
import org.biotdm.gateway.provisioning.TestCsrs;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry that ingress consults, kept current by chaincode events from the dev network, with the checkpoint in
 * embedded MariaDB.
 */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
class DeviceRegistryIT implements TestPropertyProvider {
    /** How quickly an on-chain suspension or decommission must reach ingress. */
    private static final Duration ENFORCEMENT = Duration.ofSeconds(2);
    /** Generous bound for things that are not enforcement deadlines (first catch-up, database writes). */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final DevnetAdmin admin = DevnetAdmin.connect(0);

    @Inject
    LedgerDeviceRegistry registry;

    @Inject
    DeviceRegistry contract;

    @Inject
    DeviceEventListener listener;

    @Inject
    DeviceRepository repository;

    @Inject
    EventCheckpoints checkpoints;

    @Inject
    ChangeRecorder changes;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("device_registry").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            Path dataDir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "registry-");
            properties.put("biotdm.data-dir", dataDir.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }

    @AfterAll
    void closeAdmin() {
        admin.close();
    }

    private Optional<DeviceStatus> status(String deviceId) {
        return registry.find(deviceId).map(DeviceRecord::status);
    }

    private String registerActive(String deviceId) throws Exception {
        KeyPair keys = TestCsrs.p256();
        admin.registerWithKey(deviceId, keys.getPublic(), DevnetAdmin.sha256Hex(deviceId.getBytes()));
        return admin.lifecycle("ActivateDevice", deviceId);
    }

    @Test
    void the_injected_device_registry_is_the_ledger_backed_one() {
        assertThat(contract).isSameAs(registry);
    }

    @Test
    void suspension_and_decommission_on_chain_reach_the_registry_within_two_seconds() throws Exception {
        String deviceId = "reg-suspend-" + System.nanoTime();
        registerActive(deviceId);
        assertThat(Eventually.poll(SETTLE, () -> status(deviceId), s -> s.equals(Optional.of(DeviceStatus.ACTIVE))))
                .contains(DeviceStatus.ACTIVE);

        admin.lifecycle("SuspendDevice", deviceId);
        assertThat(Eventually.poll(
                        ENFORCEMENT, () -> status(deviceId), s -> s.equals(Optional.of(DeviceStatus.SUSPENDED))))
                .as("suspension enforced within %s of the commit", ENFORCEMENT)
                .contains(DeviceStatus.SUSPENDED);

        admin.lifecycle("DecommissionDevice", deviceId);
        assertThat(Eventually.poll(
                        ENFORCEMENT, () -> status(deviceId), s -> s.equals(Optional.of(DeviceStatus.DECOMMISSIONED))))
                .as("decommission enforced within %s of the commit", ENFORCEMENT)
                .contains(DeviceStatus.DECOMMISSIONED);

        assertThat(Eventually.poll(SETTLE, () -> row(deviceId), r -> r.map(DeviceRecord::status)
                        .equals(Optional.of(DeviceStatus.DECOMMISSIONED))))
                .as("the devices table follows the ledger")
                .hasValueSatisfying(r -> {
                    assertThat(r.ownerMsp()).isEqualTo("Org1MSP");
                    assertThat(r.certFingerprint()).isEqualTo(DevnetAdmin.sha256Hex(deviceId.getBytes()));
                    assertThat(r.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
                });
    }

    @Test
    void a_broken_event_stream_is_reopened_and_enforcement_continues() throws Exception {
        String deviceId = "reg-reconnect-" + System.nanoTime();
        registerActive(deviceId);
        assertThat(Eventually.poll(SETTLE, () -> status(deviceId), s -> s.equals(Optional.of(DeviceStatus.ACTIVE))))
                .contains(DeviceStatus.ACTIVE);

        listener.dropStream();
        admin.lifecycle("SuspendDevice", deviceId);

        assertThat(Eventually.poll(
                        ENFORCEMENT, () -> status(deviceId), s -> s.equals(Optional.of(DeviceStatus.SUSPENDED))))
                .as("the listener reconnected and applied the suspension within %s", ENFORCEMENT)
                .contains(DeviceStatus.SUSPENDED);
        assertThat(listener.isConnected()).isTrue();
    }

    @Test
    void a_device_never_registered_is_unknown() {
        assertThat(registry.find("reg-nobody-" + System.nanoTime())).isEmpty();
    }

    @Test
    void a_device_read_on_a_miss_is_the_ledger_record() throws Exception {
        String deviceId = "reg-miss-" + System.nanoTime();
        registerActive(deviceId);

        // Whether the event or the miss gets there first, the answer is the ledger's record.
        Optional<DeviceRecord> record =
                Eventually.poll(SETTLE, () -> registry.find(deviceId), r -> r.map(DeviceRecord::status)
                        .equals(Optional.of(DeviceStatus.ACTIVE)));
        assertThat(record).hasValueSatisfying(r -> {
            assertThat(r.deviceId()).isEqualTo(deviceId);
            assertThat(r.model()).isEqualTo("Org1MSP/env-sensor");
            assertThat(r.deviceGroup()).isEqualTo("lab");
            assertThat(r.firmwareVersion()).isEqualTo("1.0.0");
        });
    }

    @Test
    void a_restarted_listener_resumes_from_the_persisted_checkpoint() throws Exception {
        String deviceId = "reg-resume-" + System.nanoTime();
        String activated = registerActive(deviceId);
        String suspended = admin.lifecycle("SuspendDevice", deviceId);
        assertThat(Eventually.poll(SETTLE, () -> status(deviceId), s -> s.equals(Optional.of(DeviceStatus.SUSPENDED))))
                .contains(DeviceStatus.SUSPENDED);
        assertThat(Eventually.poll(
                        SETTLE,
                        this::checkpoint,
                        c -> c.isPresent() && suspended.equals(c.get().transactionId())))
                .as("the checkpoint names the last processed event")
                .hasValueSatisfying(c -> assertThat(c.transactionId()).isEqualTo(suspended));

        listener.stop();
        changes.clear();
        listener.start();
        String reactivated = admin.lifecycle("ReactivateDevice", deviceId);

        assertThat(Eventually.poll(
                        ENFORCEMENT, () -> status(deviceId), s -> s.equals(Optional.of(DeviceStatus.ACTIVE))))
                .contains(DeviceStatus.ACTIVE);
        List<String> replayed = changes.transactionIds(deviceId);
        assertThat(replayed)
                .as("only the new event is processed after the restart, nothing before the checkpoint")
                .containsExactly(reactivated)
                .doesNotContain(activated, suspended);
        // The registry entry changes before the event counts as processed (its row and checkpoint are written first).
        assertThat(Eventually.poll(
                        SETTLE,
                        listener::processedEventCount,
                        n -> n >= changes.all().size()))
                .as("events processed since the restart")
                .isEqualTo(changes.all().size());
    }

    private Optional<EventCheckpoints.StoredCheckpoint> checkpoint() {
        try {
            return checkpoints.load(DeviceEventListener.LISTENER_NAME);
        } catch (java.sql.SQLException e) {
            return Optional.empty();
        }
    }

    private Optional<DeviceRecord> row(String deviceId) {
        try {
            return repository.find(deviceId);
        } catch (java.sql.SQLException e) {
            return Optional.empty();
        }
    }

    /** Remembers every {@link DeviceChangedEvent} the listener publishes. */
    @Singleton
    static class ChangeRecorder {
        private final List<DeviceChangedEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void onChange(DeviceChangedEvent event) {
            events.add(event);
        }

        void clear() {
            events.clear();
        }

        List<DeviceChangedEvent> all() {
            return List.copyOf(events);
        }

        List<String> transactionIds(String deviceId) {
            return events.stream()
                    .filter(e -> e.record().deviceId().equals(deviceId))
                    .map(DeviceChangedEvent::transactionId)
                    .toList();
        }
    }
}
