package org.biotdm.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIngressCertificatesTest {

    @Test
    void a_restart_on_the_same_data_reads_the_generated_server_key_and_certificate_back(@TempDir Path dataDir)
            throws Exception {
        IngressConfiguration configuration = new IngressConfiguration();
        DeviceIngressCertificates first = new DeviceIngressCertificates(configuration, dataDir.toString(), List.of());
        DeviceIngressCertificates second = new DeviceIngressCertificates(configuration, dataDir.toString(), List.of());

        assertThat(Files.readString(dataDir.resolve("ingress/server-key.pem")))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(second.serverCertificate()).isEqualTo(first.serverCertificate());
        assertThat(Pem.readPrivateKey(dataDir.resolve("ingress/server-key.pem")).getAlgorithm())
                .isIn("EC", "ECDSA");
    }
}
