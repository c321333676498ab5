package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.device.LedgerDeviceRegistry;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Batch onboarding on the dev network: RegisterDevices as Org1's admin, the registry following the batch's one
 * {@code DevicesRegistered} event, and concurrent provisioning requests group-committed into ClaimDevices.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "biotdm.ingress.port", value = "0")
@Property(name = "biotdm.claim-commit.linger", value = "1s")
@Property(name = "biotdm.claim-commit.committers", value = "1")
class BatchOnboardingIT implements TestPropertyProvider {
    private static final String TOKEN = "claim-token-0123456789abcdef";

    private final DevnetAdmin admin = DevnetAdmin.connect(0);

    @Inject
    ProvisioningService provisioning;

    @Inject
    LedgerDeviceRegistry registry;

    @Inject
    DeviceLedger ledger;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("batch_onboarding").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            Path dataDir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "batch-onboarding-");
            properties.put("biotdm.data-dir", dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @AfterAll
    void closeAdmin() {
        admin.close();
    }

    @Test
    void registers_a_batch_the_registry_follows_and_claims_concurrent_devices_in_one_transaction() throws Exception {
        String prefix = "batch-" + System.nanoTime();
        List<String> ids = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        admin.registerBatchWithClaimToken(ids, TOKEN);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ids.stream().allMatch(id -> registry.find(id).isPresent()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ids).allSatisfy(id -> assertThat(registry.find(id)).isPresent());

        ExecutorService devices = Executors.newFixedThreadPool(ids.size());
        try {
            List<Future<ProvisionResponse>> answers = ids.stream()
                    .map(id -> devices.submit(() -> provisioning.provision(
                            new ProvisionRequest(id, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + id)))))
                    .toList();
            for (int i = 0; i < ids.size(); i++) {
                assertThat(answers.get(i).get().deviceId()).isEqualTo(ids.get(i));
            }
        } finally {
            devices.shutdownNow();
        }

        List<LedgerDevice> claimed = ledger.getDevices(ids);
        assertThat(claimed).hasSize(3).allSatisfy(d -> assertThat(d.status()).isEqualTo(DeviceStatus.ACTIVE));
        assertThat(claimed.stream().map(d -> d.updatedAt()).distinct())
                .as("one committer gathering for 1 s: one ClaimDevices transaction, one transaction time")
                .hasSize(1);
    }
}
