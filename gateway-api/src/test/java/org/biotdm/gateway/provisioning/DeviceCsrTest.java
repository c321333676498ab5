package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;

class DeviceCsrTest {
    private final KeyPair keys = TestCsrs.p256();

    @Test
    void accepts_a_p256_request_with_the_device_id_as_common_name() throws Exception {
        DeviceCsr csr = DeviceCsr.parse(TestCsrs.csr(keys, "CN=d-1, O=Acme"), "d-1");

        assertThat(csr.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        try (PEMParser parser = new PEMParser(new StringReader(csr.publicKeyPem()))) {
            SubjectPublicKeyInfo info = (SubjectPublicKeyInfo) parser.readObject();
            assertThat(info.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        }
        assertThat(csr.publicKeyPem())
                .startsWith("-----BEGIN PUBLIC KEY-----\n")
                .endsWith("-----END PUBLIC KEY-----\n");
    }

    @Test
    void refuses_a_common_name_that_is_not_the_device_id() {
        assertThatThrownBy(() -> DeviceCsr.parse(TestCsrs.csr(keys, "CN=d-2"), "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("CN must equal the device ID");
    }

    @Test
    void refuses_a_subject_without_or_with_two_common_names() {
        assertThatThrownBy(() -> DeviceCsr.parse(TestCsrs.csr(keys, "O=Acme"), "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("exactly one CN");
        assertThatThrownBy(() -> DeviceCsr.parse(TestCsrs.csr(keys, "CN=d-1, CN=d-1"), "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("exactly one CN");
    }

    @Test
    void refuses_keys_on_other_curves_and_rsa_keys() throws Exception {
        assertThatThrownBy(() -> DeviceCsr.parse(TestCsrs.csr(TestCsrs.ecKeys("secp384r1"), "CN=d-1"), "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("P-256");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKeys = rsa.generateKeyPair();
        String rsaCsr = TestCsrs.csr(rsaKeys.getPublic(), rsaKeys.getPrivate(), "CN=d-1", "SHA256withRSA");
        assertThatThrownBy(() -> DeviceCsr.parse(rsaCsr, "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("P-256");
    }

    @Test
    void refuses_a_request_signed_by_another_key() {
        KeyPair other = TestCsrs.p256();
        String forged = TestCsrs.csr(keys.getPublic(), other.getPrivate(), "CN=d-1", "SHA256withECDSA");

        assertThatThrownBy(() -> DeviceCsr.parse(forged, "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void refuses_signature_hashes_other_than_sha256() {
        String sha384 = TestCsrs.csr(keys.getPublic(), keys.getPrivate(), "CN=d-1", "SHA384withECDSA");

        assertThatThrownBy(() -> DeviceCsr.parse(sha384, "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("ecdsa-with-SHA256");
    }

    @Test
    void refuses_missing_oversized_and_malformed_text() {
        assertThatThrownBy(() -> DeviceCsr.parse(null, "d-1")).hasMessageContaining("required");
        assertThatThrownBy(() -> DeviceCsr.parse("  ", "d-1")).hasMessageContaining("required");
        assertThatThrownBy(() -> DeviceCsr.parse("x".repeat(DeviceCsr.MAX_PEM_CHARS + 1), "d-1"))
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> DeviceCsr.parse(
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n" + "-----END CERTIFICATE REQUEST-----\n", "d-1"))
                .isInstanceOf(InvalidCsrException.class);
        assertThatThrownBy(() -> DeviceCsr.parse("hello", "d-1"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("one PEM CERTIFICATE REQUEST");
    }

    @Test
    void refuses_a_public_key_or_two_requests_instead_of_one_request() {
        String twice = TestCsrs.csr(keys, "CN=d-1") + TestCsrs.csr(keys, "CN=d-1");

        assertThatThrownBy(() -> DeviceCsr.parse(twice, "d-1")).hasMessageContaining("exactly one PEM block");
        assertThatThrownBy(() -> DeviceCsr.parse(TestCsrs.pem(keys.getPublic()), "d-1"))
                .hasMessageContaining("one PEM CERTIFICATE REQUEST");
    }
}
