package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.sql.DataSource;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.ledger.TransactionLog;
import org.biotdm.gateway.telemetry.TelemetryOperations;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zero-touch provisioning end to end: an Org1 admin registers a device with a claim-token hash on the dev network,
 * the device calls {@code POST /device/v1/provision} on the device port (TLS, no client certificate), the gateway
 * issues the certificate and claims the device on the ledger.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "biotdm.ingress.port", value = "0")
class ProvisioningIT implements TestPropertyProvider {
    private static final String TOKEN = "claim-token-0123456789abcdef";

    private final DevnetAdmin admin = DevnetAdmin.connect(0);
    private Path dataDir;
    private HttpClient http;
    private TrustManagerFactory serverTrust;

    @Inject
    DeviceCa ca;

    @Inject
    DeviceLedger ledger;

    @Inject
    ApplicationContext context;

    @Inject
    TransactionLog transactionLog;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("provisioning").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            dataDir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "provisioning-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("biotdm.data-dir", dataDir.toString());
        return properties;
    }

    @BeforeAll
    void trustTheDevicePort() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dataDir.resolve("ingress").resolve("server-cert.pem"))) {
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("server-" + i++, certificate);
            }
        }
        serverTrust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        serverTrust.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, serverTrust.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).build();
    }

    @AfterAll
    void closeAdmin() {
        admin.close();
    }

    private ProvisionResponse provision(String deviceId, String token, String csr) {
        return DevicePort.at(context, http)
                .client(ProvisioningOperations.class)
                .provision(new ProvisionRequest(deviceId, token, csr));
    }

    private ApiError refused(String deviceId, String token, String csr) {
        return ApiError.of(() -> provision(deviceId, token, csr));
    }

    private static String newDeviceId(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private static X509Certificate parse(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        }
    }

    @Test
    void right_token_gets_a_certificate_that_chains_to_the_device_ca_and_is_bound_on_chain() throws Exception {
        String deviceId = newDeviceId("prov-ok");
        admin.registerWithClaimToken(deviceId, TOKEN, Map.of());
        KeyPair keys = TestCsrs.p256();

        ProvisionResponse body = provision(deviceId, TOKEN, TestCsrs.csr(keys, "CN=" + deviceId));

        assertThat(body.deviceId()).isEqualTo(deviceId);
        X509Certificate certificate = parse(body.certificate());
        certificate.verify(ca.caCertificate().getPublicKey());
        assertThat(parse(body.caCertificate())).isEqualTo(ca.caCertificate());
        assertThat(certificate.getPublicKey().getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");

        Optional<LedgerDevice> onChain = ledger.getDevice(deviceId);
        assertThat(onChain).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DeviceStatus.ACTIVE);
            assertThat(d.certFingerprint()).isEqualTo(DeviceCa.fingerprint(certificate));
            assertThat(d.claimedAt()).isNotNull();
            assertThat(d.publicKeyPem()).contains("BEGIN PUBLIC KEY");
        });
        assertThat(transactionStatus(deviceId)).contains(TransactionLog.COMMITTED);
    }

    @Test
    void provisioned_certificate_opens_the_device_port_until_the_device_is_suspended_on_chain() throws Exception {
        String deviceId = newDeviceId("prov-mtls");
        admin.registerWithClaimToken(deviceId, TOKEN, Map.of());
        KeyPair keys = TestCsrs.p256();
        ProvisionResponse body = provision(deviceId, TOKEN, TestCsrs.csr(keys, "CN=" + deviceId));
        TelemetryOperations device = DevicePort.at(context, deviceClient(keys, parse(body.certificate())))
                .client(TelemetryOperations.class);

        ApiError admitted = postEmptyBatch(device);
        assertThat(admitted.status())
                .as("authenticated by the issued certificate, then refused for the empty batch: %s", admitted.text())
                .isEqualTo(400);
        assertThat(admitted.code()).startsWith("TELEMETRY_");

        admin.lifecycle("SuspendDevice", deviceId);
        // The registry hears of the suspension through the chaincode event stream: typically well within 2 s, but
        // the test asserts the refusal, not a latency (a loaded CI machine once took longer; latency is a benchmark's).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ApiError refused = postEmptyBatch(device);
        while (refused.status() != 403 && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            refused = postEmptyBatch(device);
        }
        assertThat(refused.status())
                .as("refused once the suspension reached the registry")
                .isEqualTo(403);
        assertThat(refused.code()).isEqualTo("DEVICE_NOT_ACTIVE");
    }

    private HttpClient deviceClient(KeyPair keys, X509Certificate certificate) throws Exception {
        char[] password = "device".toCharArray();
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, password);
        identity.setKeyEntry(
                "device", keys.getPrivate(), password, new Certificate[] {certificate, ca.caCertificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), serverTrust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private static ApiError postEmptyBatch(TelemetryOperations device) {
        return ApiError.of(
                () -> device.ingest("{}".getBytes(StandardCharsets.UTF_8)).join());
    }

    @Nested
    class Refused {
        @Test
        void replayed_token_even_with_a_fresh_key() throws Exception {
            String deviceId = newDeviceId("prov-replay");
            admin.registerWithClaimToken(deviceId, TOKEN, Map.of());
            assertThat(provision(deviceId, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId))
                            .deviceId())
                    .isEqualTo(deviceId);
            String fingerprint = ledger.getDevice(deviceId).orElseThrow().certFingerprint();

            ApiError replay = refused(deviceId, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId));

            assertThat(replay.status()).isEqualTo(409);
            assertThat(replay.body())
                    .as("refused from the ledger's record, before the CA signs or ClaimDevice is submitted")
                    .containsEntry("code", "CLAIM_TOKEN_SPENT")
                    .doesNotContainKey("transactionId");
            assertThat(ledger.getDevice(deviceId).orElseThrow().certFingerprint())
                    .as("the first claim's key stays bound")
                    .isEqualTo(fingerprint);
        }

        @Test
        void wrong_token_leaves_the_device_unclaimed() throws Exception {
            String deviceId = newDeviceId("prov-wrong");
            admin.registerWithClaimToken(deviceId, TOKEN, Map.of());

            ApiError response =
                    refused(deviceId, "not-the-right-token-at-all", TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body())
                    .containsEntry("code", "CLAIM_TOKEN_MISMATCH")
                    .containsKeys("message", "timestamp");
            LedgerDevice device = ledger.getDevice(deviceId).orElseThrow();
            assertThat(device.status()).isEqualTo(DeviceStatus.PROVISIONED);
            assertThat(device.certFingerprint()).isNull();
            assertThat(transactionStatus(deviceId))
                    .as("refused before ClaimDevice is submitted")
                    .isEmpty();
        }

        @Test
        void unknown_device() throws Exception {
            String deviceId = newDeviceId("prov-none");

            ApiError response = refused(deviceId, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId));

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).containsEntry("code", "DEVICE_NOT_FOUND");
        }

        @Test
        void device_registered_with_its_key_is_not_claimable() throws Exception {
            String deviceId = newDeviceId("prov-keyed");
            admin.registerWithKey(deviceId, TestCsrs.p256().getPublic(), "ab".repeat(32));

            ApiError response = refused(deviceId, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId));

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.body()).containsEntry("code", "DEVICE_NOT_CLAIMABLE");
        }

        @Test
        void expired_token() throws Exception {
            String deviceId = newDeviceId("prov-expired");
            String expiry = Long.toString(Instant.now().minusSeconds(1).toEpochMilli());
            admin.registerWithClaimToken(deviceId, TOKEN, Map.of("claimTokenExpiresAt", expiry));

            ApiError response = refused(deviceId, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).containsEntry("code", "CLAIM_TOKEN_EXPIRED");
            assertThat(ledger.getDevice(deviceId).orElseThrow().status()).isEqualTo(DeviceStatus.PROVISIONED);
        }

        @Test
        void invalid_csr_and_malformed_json() throws Exception {
            String deviceId = newDeviceId("prov-csr");
            admin.registerWithClaimToken(deviceId, TOKEN, Map.of());

            ApiError wrongName = refused(deviceId, TOKEN, TestCsrs.csr(TestCsrs.p256(), "CN=other"));
            assertThat(wrongName.status()).isEqualTo(400);
            assertThat(wrongName.code()).isEqualTo("PROVISION_INVALID_CSR");

            // Raw on purpose: the typed client cannot send broken JSON.
            HttpResponse<String> malformed = DevicePort.at(context, http)
                    .raw(ProvisioningOperations.class, "provision", Map.of(), "{\"deviceId\":");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(ApiError.from(malformed).code()).isNotNull();
            assertThat(malformed.body()).doesNotContain("Exception");
            assertThat(ledger.getDevice(deviceId).orElseThrow().status()).isEqualTo(DeviceStatus.PROVISIONED);
        }
    }

    /** Returns the transaction-log statuses for a device, after the log's queue drained. */
    private List<String> transactionStatus(String deviceId) throws Exception {
        assertThat(transactionLog.flush(10_000)).isTrue();
        List<String> statuses = new ArrayList<>();
        try (Connection connection = resolver.resolve(dataSource).getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT status FROM blockchain_tx WHERE entity_key = ? AND function_name = ?")) {
            statement.setString(1, "device:" + deviceId);
            statement.setString(2, "devices:ClaimDevices");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
        }
        return statuses;
    }
}
