package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fuzzes the certificate signing request check with any text a device could send, and with any DER bytes inside a
 * well-formed PEM armour (so that the fuzzer reaches BouncyCastle's ASN.1 reader): the request is accepted with a
 * P-256 key, or refused with {@link InvalidCsrException}, never another exception.
 */
class DeviceCsrFuzzTest {
    private static final String DEVICE = "d-1";

    @FuzzTest
    void any_pem_text_is_a_checked_request_or_refused(byte[] text) {
        check(new String(text, StandardCharsets.UTF_8));
    }

    @FuzzTest
    void any_der_in_pem_armour_is_a_checked_request_or_refused(byte[] der) {
        check("-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n");
    }

    private static void check(String pem) {
        try {
            DeviceCsr csr = DeviceCsr.parse(pem, DEVICE);
            assertThat(csr.publicKey()).isInstanceOf(java.security.interfaces.ECPublicKey.class);
            assertThat(csr.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        } catch (InvalidCsrException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
