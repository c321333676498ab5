package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.GatewayPool;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentities;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.TransactionLog;
import org.biotdm.gateway.provisioning.TestCsrs;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The typed {@code devices} wrapper against the dev network, as Org1's admin and as Org1's gateway. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
class DeviceLedgerIT implements TestPropertyProvider {
    private static final String TOKEN = "a-claim-token-of-enough-bytes";

    @Inject
    DeviceLedger ledger;

    @Inject
    TransactionLog transactionLog;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Inject
    DeviceRepository repository;

    @Inject
    ObjectMapper json;

    @Inject
    LedgerConfiguration configuration;

    private final LedgerIdentity admin =
            identity(TestDevnet.get().crypto().orgs().get(0).admin());

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("device_ledger").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "ledger-")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static LedgerIdentity identity(SigningIdentity identity) {
        return new LedgerIdentity(identity.mspId(), identity.certificate(), identity.privateKey());
    }

    private static DeviceRegistration withKey(String deviceId) {
        String pem = TestCsrs.pem(TestCsrs.p256().getPublic());
        return new DeviceRegistration(
                deviceId,
                "env-sensor",
                "Org1MSP/env-sensor",
                "1.0.0",
                "lab",
                Map.of("site", "Bremen"),
                pem,
                DevnetAdmin.sha256Hex(deviceId.getBytes(StandardCharsets.UTF_8)),
                null);
    }

    private static LedgerException ledgerFailure(ThrowingCall call) {
        try {
            call.run();
        } catch (LedgerException e) {
            return e;
        }
        throw new AssertionError("expected a LedgerException");
    }

    @Test
    void admin_walks_a_device_through_its_lifecycle() throws Exception {
        String deviceId = "led-life-" + System.nanoTime();

        DeviceChange registered = ledger.registerDevice(admin, withKey(deviceId));
        assertThat(registered.device().status()).isEqualTo(DeviceStatus.PROVISIONED);
        assertThat(registered.device().ownerMsp()).isEqualTo("Org1MSP");
        assertThat(registered.device().metadata()).containsEntry("site", "Bremen");
        assertThat(registered.receipt().transactionId()).hasSize(64);
        assertThat(registered.receipt().blockNumber()).isPositive();

        assertThat(ledger.activateDevice(admin, deviceId, null).device().status())
                .isEqualTo(DeviceStatus.ACTIVE);
        DeviceChange suspended = ledger.suspendDevice(admin, deviceId, "battery swap");
        assertThat(suspended.device().status()).isEqualTo(DeviceStatus.SUSPENDED);
        assertThat(suspended.device().statusReason()).isEqualTo("battery swap");
        assertThat(ledger.reactivateDevice(admin, deviceId, "done").device().status())
                .isEqualTo(DeviceStatus.ACTIVE);
        ledger.suspendDevice(admin, deviceId, "retiring");
        DeviceChange decommissioned = ledger.decommissionDevice(admin, deviceId, null);
        assertThat(decommissioned.device().status()).isEqualTo(DeviceStatus.DECOMMISSIONED);
        assertThat(decommissioned.receipt().blockNumber())
                .isGreaterThan(registered.receipt().blockNumber());

        assertThat(ledger.getDevice(deviceId)).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DeviceStatus.DECOMMISSIONED);
            assertThat(d.updatedByMsp()).isEqualTo("Org1MSP");
        });
        assertThat(statuses(deviceId))
                .as("every submitted transaction is in blockchain_tx")
                .containsExactlyInAnyOrder(
                        "RegisterDevice COMMITTED",
                        "ActivateDevice COMMITTED",
                        "SuspendDevice COMMITTED",
                        "ReactivateDevice COMMITTED",
                        "SuspendDevice COMMITTED",
                        "DecommissionDevice COMMITTED");
    }

    @Test
    void claim_with_the_token_in_the_transient_map_binds_the_key_and_activates() throws Exception {
        String deviceId = "led-claim-" + System.nanoTime();
        ledger.registerDevice(
                admin,
                DeviceRegistration.withClaimToken(
                        deviceId,
                        "env-sensor",
                        "Org1MSP/env-sensor",
                        "1.0.0",
                        "lab",
                        null,
                        DevnetAdmin.sha256Hex(TOKEN.getBytes(StandardCharsets.UTF_8))));
        String pem = TestCsrs.pem(TestCsrs.p256().getPublic());
        String fingerprint = "cd".repeat(32);

        LedgerException wrong = ledgerFailure(() -> ledger.claimDevice(
                deviceId, pem, fingerprint, "some-other-token-value".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrong.code()).isEqualTo(ErrorCode.CLAIM_TOKEN_MISMATCH);
        assertThat(wrong.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
        assertThat(wrong.transactionId()).hasSize(64);

        DeviceChange claimed = ledger.claimDevice(deviceId, pem, fingerprint, TOKEN.getBytes(StandardCharsets.UTF_8));
        assertThat(claimed.device().status()).isEqualTo(DeviceStatus.ACTIVE);
        assertThat(claimed.device().certFingerprint()).isEqualTo(fingerprint);
        assertThat(claimed.device().claimedAt()).isNotNull();
    }

    @Nested
    class Refusals {
        @Test
        void registering_twice_is_device_exists() throws Exception {
            String deviceId = "led-twice-" + System.nanoTime();
            ledger.registerDevice(admin, withKey(deviceId));

            LedgerException e = ledgerFailure(() -> ledger.registerDevice(admin, withKey(deviceId)));

            assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_EXISTS);
            assertThat(e.getMessage()).contains(deviceId).doesNotContain("[DEVICE_EXISTS]");
        }

        @Test
        void the_gateway_identity_may_not_suspend() throws Exception {
            String deviceId = "led-acl-" + System.nanoTime();
            ledger.registerDevice(admin, withKey(deviceId));
            ledger.activateDevice(admin, deviceId, null);
            LedgerIdentity gateway =
                    identity(TestDevnet.get().crypto().orgs().get(0).gatewayClient());

            LedgerException e = ledgerFailure(() -> ledger.suspendDevice(gateway, deviceId, "not allowed"));

            assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(ledger.getDevice(deviceId).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
        }

        @Test
        void lifecycle_change_of_an_unknown_device_is_device_not_found_and_logged() throws Exception {
            String deviceId = "led-ghost-" + System.nanoTime();

            LedgerException e = ledgerFailure(() -> ledger.activateDevice(admin, deviceId, null));

            assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NOT_FOUND);
            assertThat(statuses(deviceId)).containsExactly("ActivateDevice " + TransactionLog.ENDORSE_FAILED);
        }

        @Test
        void unknown_device_reads_as_empty() throws Exception {
            assertThat(ledger.getDevice("led-nobody-" + System.nanoTime())).isEmpty();
        }
    }

    @Test
    void list_devices_pages_with_bookmarks() throws Exception {
        String group = "g" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            DeviceRegistration base = withKey("led-list-" + group + "-" + i);
            ledger.registerDevice(
                    admin,
                    new DeviceRegistration(
                            base.deviceId(),
                            base.deviceType(),
                            base.model(),
                            base.firmwareVersion(),
                            group,
                            null,
                            base.publicKeyPem(),
                            base.certFingerprint(),
                            null));
        }

        DevicePage first = ledger.listDevices(new DeviceQuery("Org1MSP", null, group, 2, null));
        DevicePage second = ledger.listDevices(new DeviceQuery("Org1MSP", null, group, 2, first.bookmark()));

        assertThat(first.records())
                .extracting(LedgerDevice::deviceId)
                .containsExactly("led-list-" + group + "-0", "led-list-" + group + "-1");
        assertThat(first.bookmark()).isNotEmpty();
        assertThat(second.records()).extracting(LedgerDevice::deviceId).containsExactly("led-list-" + group + "-2");
    }

    @Test
    void an_unreachable_peer_is_unavailable_and_the_registry_falls_back_to_the_database() throws Exception {
        String deadEndpoint;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadEndpoint = "127.0.0.1:" + socket.getLocalPort();
        }
        LedgerConfiguration dead = TestSettings.bind(
                LedgerConfiguration.class,
                Map.of(
                        "biotdm.ledger.peer-endpoint", deadEndpoint,
                        "biotdm.ledger.peer-host-name", configuration.peerHostName(),
                        "biotdm.ledger.tls-root-cert",
                                configuration.tlsRootCert().toString(),
                        "biotdm.ledger.msp-id", configuration.mspId(),
                        "biotdm.ledger.identity-msp-dir",
                                configuration.identityMspDir().toString()));
        try (GatewayPool pool = new GatewayPool(dead)) {
            DeviceLedger unreachable =
                    new DeviceLedger(new LedgerClient(dead, pool, new LedgerIdentities(dead), transactionLog), json);

            LedgerException e = ledgerFailure(() -> unreachable.getDevice("led-any"));
            assertThat(e.kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
            assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_UNAVAILABLE);

            String deviceId = "led-offline-" + System.nanoTime();
            repository.upsert(ledger.registerDevice(admin, withKey(deviceId)).device(), null);
            LedgerDeviceRegistry registry = new LedgerDeviceRegistry(unreachable, repository, dead);
            assertThat(registry.find(deviceId)).map(DeviceRecord::status).contains(DeviceStatus.PROVISIONED);
            assertThat(registry.find("led-offline-unknown")).isEmpty();
        }
    }

    private List<String> statuses(String deviceId) throws Exception {
        assertThat(transactionLog.flush(10_000)).isTrue();
        List<String> rows = new ArrayList<>();
        try (Connection connection = resolver.resolve(dataSource).getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT function_name, status, block_number, submitter FROM blockchain_tx"
                                + " WHERE entity_key = ?")) {
            statement.setString(1, "device:" + deviceId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String function = result.getString(1).substring("devices:".length());
                    if ("COMMITTED".equals(result.getString(2))) {
                        assertThat(result.getLong(3)).isPositive();
                    }
                    assertThat(result.getString(4)).startsWith("Org1MSP/");
                    rows.add(function + " " + result.getString(2));
                }
            }
        }
        return rows;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws LedgerException;
    }
}
