package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCaTest {
    @TempDir
    Path dataDir;

    private final Map<String, Object> settings = new HashMap<>(Map.of("biotdm.ledger.msp-id", "Org1MSP"));

    private DeviceCa ca() {
        return new DeviceCa(
                TestSettings.bind(ProvisioningConfiguration.class, settings),
                TestSettings.bind(LedgerConfiguration.class, settings),
                new DataDirectory(dataDir));
    }

    private static DeviceCsr csr(KeyPair keys, String deviceId) throws InvalidCsrException {
        return DeviceCsr.parse(TestCsrs.csr(keys, "CN=" + deviceId), deviceId);
    }

    @Test
    void generates_a_development_ca_on_first_start_and_reuses_it() throws Exception {
        DeviceCa first = ca();
        DeviceCa second = ca();

        assertThat(dataDir.resolve(DeviceCa.DEFAULT_KEYSTORE)).isRegularFile();
        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(first.caCertificate().getBasicConstraints()).isZero();
        assertThat(first.caCertificate().getSubjectX500Principal().getName()).contains("Org1MSP device CA");
    }

    @Test
    void writes_the_ca_certificate_pem_for_the_device_port_trust_store() throws Exception {
        DeviceCa ca = ca();

        assertThat(ca.caCertificateFile()).isEqualTo(dataDir.resolve(DeviceCa.CA_PEM));
        assertThat(Files.readString(ca.caCertificateFile())).isEqualTo(ca.caCertificatePem());
        assertThat(ca.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void refuses_to_start_without_keystore_when_generation_is_off() {
        settings.put("biotdm.provisioning.generate-ca", false);

        assertThatThrownBy(this::ca)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("generate-ca is false");
    }

    @Test
    void uses_the_only_key_entry_of_a_configured_keystore_under_another_alias() throws Exception {
        DeviceCa generated = ca();
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dataDir.resolve(DeviceCa.DEFAULT_KEYSTORE))) {
            source.load(in, "changeit".toCharArray());
        }
        KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry)
                source.getEntry("device-ca", new KeyStore.PasswordProtection("changeit".toCharArray()));
        KeyStore other = KeyStore.getInstance("PKCS12");
        other.load(null, "s3cret".toCharArray());
        other.setKeyEntry(
                "org1-devices", entry.getPrivateKey(), "s3cret".toCharArray(), new Certificate[] {entry.getCertificate()
                });
        Path configured = dataDir.resolve("prod").resolve("ca.p12");
        Files.createDirectories(configured.getParent());
        try (OutputStream out = Files.newOutputStream(configured)) {
            other.store(out, "s3cret".toCharArray());
        }
        settings.put("biotdm.provisioning.ca-keystore", configured.toString());
        settings.put("biotdm.provisioning.ca-keystore-password", "s3cret");
        settings.put("biotdm.provisioning.generate-ca", false);

        assertThat(ca().caCertificate()).isEqualTo(generated.caCertificate());
    }

    @Test
    void issues_a_client_certificate_that_chains_to_the_ca() throws Exception {
        DeviceCa ca = ca();
        KeyPair keys = TestCsrs.p256();

        X509Certificate certificate = ca.issue(csr(keys, "d-17"), "d-17");

        certificate.verify(ca.caCertificate().getPublicKey());
        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(ca.caCertificate().getSubjectX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("O=Org1MSP,CN=d-17");
        assertThat(certificate.getPublicKey().getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
    }

    @Test
    void validity_is_configurable_and_never_exceeds_the_ca() throws Exception {
        settings.put("biotdm.provisioning.certificate-validity", "30d");
        DeviceCa ca = ca();

        X509Certificate month = ca.issue(csr(TestCsrs.p256(), "d-1"), "d-1");
        assertThat(Duration.between(Instant.now(), month.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));
        assertThat(month.getNotBefore().toInstant()).isBefore(Instant.now());

        settings.put("biotdm.provisioning.certificate-validity", 365 * 50 + "d");
        X509Certificate capped = ca().issue(csr(TestCsrs.p256(), "d-2"), "d-2");
        assertThat(capped.getNotAfter()).isEqualTo(ca.caCertificate().getNotAfter());
    }

    @Test
    void serials_differ_and_the_fingerprint_is_the_sha256_of_the_der() throws Exception {
        DeviceCa ca = ca();
        DeviceCsr request = csr(TestCsrs.p256(), "d-1");

        List<X509Certificate> certificates = List.of(ca.issue(request, "d-1"), ca.issue(request, "d-1"));

        assertThat(certificates.get(0).getSerialNumber())
                .isNotEqualTo(certificates.get(1).getSerialNumber());
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(certificates.get(0).getEncoded()));
        assertThat(DeviceCa.fingerprint(certificates.get(0)))
                .isEqualTo(expected)
                .hasSize(64);
    }
}
