package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.device.LedgerBatch;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.device.LedgerDeviceRegistry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Batch onboarding on the dev network: RegisterDevices as Org1's admin, the registry following the batch's one
 * {@code DevicesRegistered} event, concurrent provisioning requests group-committed into ClaimDevices, and one device
 * claimed twice at once: by two requests (consecutive batches) and by two ClaimDevices endorsed at the same time (the
 * later one's MVCC conflict, retried, finds the token spent).
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
        registerAndAwait(ids);

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

    @Test
    void two_requests_claiming_one_device_at_once_go_to_consecutive_batches_and_the_later_is_spent() throws Exception {
        String id = "batch-twice-" + System.nanoTime();
        registerAndAwait(List.of(id));

        ExecutorService devices = Executors.newFixedThreadPool(2);
        List<Object> outcomes = new ArrayList<>();
        try {
            List<Future<ProvisionResponse>> answers = List.of(
                    devices.submit(() -> provisioning.provision(
                            new ProvisionRequest(id, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + id)))),
                    devices.submit(() -> provisioning.provision(
                            new ProvisionRequest(id, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + id)))));
            for (Future<ProvisionResponse> answer : answers) {
                try {
                    outcomes.add(answer.get());
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
        } finally {
            devices.shutdownNow();
        }

        assertThat(outcomes).filteredOn(ProvisionResponse.class::isInstance).hasSize(1);
        assertThat(outcomes)
                .filteredOn(ApiException.class::isInstance)
                .singleElement()
                .extracting(e -> ((ApiException) e).code())
                .as("the second claim finds the token spent by the first, wherever it lost the race")
                .isEqualTo(ErrorCode.CLAIM_TOKEN_SPENT);
        ProvisionResponse winner = (ProvisionResponse) outcomes.stream()
                .filter(ProvisionResponse.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(ledger.getDevice(id).orElseThrow().certFingerprint())
                .isEqualTo(DeviceCa.fingerprint(certificate(winner.certificate())));
    }

    @Test
    void two_batches_claiming_one_device_at_once_commit_it_once_and_the_rest_of_both() throws Exception {
        String prefix = "batch-race-" + System.nanoTime();
        String shared = prefix + "-shared";
        registerAndAwait(List.of(shared, prefix + "-x", prefix + "-y"));
        List<List<DeviceLedger.Claim>> batches = List.of(
                List.of(claim(shared, "aa"), claim(prefix + "-x", "aa")),
                List.of(claim(shared, "bb"), claim(prefix + "-y", "bb")));

        ExecutorService gateways = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<DeviceLedger.BatchChange> changes = new ArrayList<>();
        try {
            List<Future<DeviceLedger.BatchChange>> submitted = batches.stream()
                    .map(batch -> gateways.submit(() -> {
                        start.await();
                        return ledger.claimDevices(batch);
                    }))
                    .toList();
            start.countDown();
            for (Future<DeviceLedger.BatchChange> change : submitted) {
                changes.add(change.get());
            }
        } finally {
            gateways.shutdownNow();
        }

        List<LedgerBatch.Item> sharedItems =
                changes.stream().map(change -> change.batch().items().get(0)).toList();
        assertThat(sharedItems).filteredOn(LedgerBatch.Item::written).hasSize(1);
        assertThat(sharedItems)
                .filteredOn(item -> !item.written())
                .singleElement()
                .extracting(LedgerBatch.Item::code)
                .isEqualTo("CLAIM_TOKEN_SPENT");
        assertThat(changes)
                .as("each batch's other device is claimed whatever became of the shared one")
                .allSatisfy(change ->
                        assertThat(change.batch().items().get(1).written()).isTrue());
        String winner = sharedItems.get(0).written() ? "aa" : "bb";
        assertThat(ledger.getDevice(shared).orElseThrow().certFingerprint()).isEqualTo(winner.repeat(32));
    }

    private void registerAndAwait(List<String> ids) throws Exception {
        admin.registerBatchWithClaimToken(ids, TOKEN);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ids.stream().allMatch(id -> registry.find(id).isPresent()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ids).allSatisfy(id -> assertThat(registry.find(id)).isPresent());
    }

    private static DeviceLedger.Claim claim(String deviceId, String fingerprintByte) throws Exception {
        String publicKeyPem = DeviceCsr.parse(TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId), deviceId)
                .publicKeyPem();
        return new DeviceLedger.Claim(
                deviceId, publicKeyPem, fingerprintByte.repeat(32), TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
