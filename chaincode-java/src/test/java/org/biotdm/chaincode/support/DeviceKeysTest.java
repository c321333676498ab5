package org.biotdm.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Base64;
import org.biotdm.chaincode.testing.DeviceKeyPair;
import org.junit.jupiter.api.Test;

class DeviceKeysTest {
    private final DeviceKeyPair key = DeviceKeyPair.p256();

    @Test
    void canonicalises_line_breaks_and_surrounding_text() {
        final String messy = "comment\r\n" + key.publicKeyPem().replace("\n", "\r\n");

        assertThat(DeviceKeys.canonicalPem("pem", messy)).isEqualTo(key.publicKeyPem());
    }

    @Test
    void parses_a_usable_key() {
        assertThat(DeviceKeys.publicKey(key.publicKeyPem()).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void rejects_rsa_key() throws Exception {
        final KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        final String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThatThrownBy(() -> DeviceKeys.canonicalPem("pem", pem)).hasMessageContaining("P-256");
    }

    @Test
    void rejects_certificate_block() {
        final String pem = key.publicKeyPem().replace("PUBLIC KEY", "CERTIFICATE");

        assertThatThrownBy(() -> DeviceKeys.canonicalPem("pem", pem)).hasMessageContaining("PUBLIC KEY");
    }

    @Test
    void rejects_two_blocks() {
        assertThatThrownBy(() -> DeviceKeys.canonicalPem("pem", key.publicKeyPem() + key.publicKeyPem()))
                .hasMessageContaining("exactly one");
    }

    @Test
    void rejects_bytes_that_are_not_a_key() {
        final String pem = "-----BEGIN PUBLIC KEY-----\nAAECAwQF\n-----END PUBLIC KEY-----\n";

        assertThatThrownBy(() -> DeviceKeys.canonicalPem("pem", pem)).hasMessageStartingWith("[INVALID_ARGUMENT]");
    }

    @Test
    void rejects_oversize_and_missing_text() {
        assertThatThrownBy(() -> DeviceKeys.canonicalPem("pem", "x".repeat(1025)))
                .hasMessageContaining("1024");
        assertThatThrownBy(() -> DeviceKeys.canonicalPem("pem", null)).hasMessage("[INVALID_ARGUMENT] pem is required");
        assertThatThrownBy(() -> DeviceKeys.canonicalPem("pem", "no pem here")).hasMessageContaining("PEM");
    }
}
