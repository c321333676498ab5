package org.biotdm.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIngressCertificatesTest {

    @Test
    void a_restart_on_the_same_data_reads_the_generated_server_key_and_certificate_back(@TempDir Path dataDir)
            throws Exception {
        IngressConfiguration configuration = TestSettings.defaults(IngressConfiguration.class);
        DeviceIngressCertificates first =
                new DeviceIngressCertificates(configuration, new DataDirectory(dataDir), List.of());
        DeviceIngressCertificates second =
                new DeviceIngressCertificates(configuration, new DataDirectory(dataDir), List.of());

        assertThat(Files.readString(dataDir.resolve("ingress/server-key.pem")))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(second.serverCertificate()).isEqualTo(first.serverCertificate());
        assertThat(Pem.readPrivateKey(dataDir.resolve("ingress/server-key.pem")).getAlgorithm())
                .isIn("EC", "ECDSA");
    }

    @Test
    void a_key_written_by_earlier_versions_without_its_curve_is_read_with_the_certificates_curve(@TempDir Path dataDir)
            throws Exception {
        IngressConfiguration configuration = TestSettings.defaults(IngressConfiguration.class);
        DeviceIngressCertificates first =
                new DeviceIngressCertificates(configuration, new DataDirectory(dataDir), List.of());
        Path keyFile = dataDir.resolve("ingress/server-key.pem");
        var pkcs8 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(
                Pem.readPrivateKey(keyFile).getEncoded());
        var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        var withoutCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256, sec1.getKey());
        Files.writeString(
                keyFile,
                Pem.encode(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", withoutCurve.getEncoded())));

        DeviceIngressCertificates second =
                new DeviceIngressCertificates(configuration, new DataDirectory(dataDir), List.of());

        assertThat(second.serverCertificate()).isEqualTo(first.serverCertificate());
        assertThat(Pem.readPrivateKey(keyFile, first.serverCertificate().getPublicKey())
                        .getEncoded())
                .isEqualTo(pkcs8.getEncoded());
    }
}
