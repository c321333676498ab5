package org.biotdm.devnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import org.biotdm.devnet.ca.CertificateAuthority;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class CertificatesTest {
    private static final CertificateAuthority CA =
            CertificateAuthority.createRoot("org1.example.com", "ca.org1.example.com");
    private static final KeyPair KEYS = Ecdsa.generateP256();
    private static final X509Certificate CERT =
            CA.issue("User1@org1.example.com", "client", KEYS.getPublic(), Map.of());

    @Test
    void serialized_identity_holds_the_msp_id_and_the_pem_certificate() throws Exception {
        ByteString serialized = Certificates.serializedIdentity("Org1MSP", CERT);

        SerializedIdentity parsed = SerializedIdentity.parseFrom(serialized);
        assertThat(parsed.getMspid()).isEqualTo("Org1MSP");
        assertThat(parsed.getIdBytes().toStringUtf8())
                .startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n")
                .isEqualTo(Certificates.toPem(CERT));
        assertThat(Certificates.serializedIdentity("Org2MSP", CERT)).isNotEqualTo(serialized);
    }

    @Test
    void certificate_pem_round_trips_with_64_character_lines() throws Exception {
        String pem = Certificates.toPem(CERT);

        assertThat(pem.lines().filter(line -> !line.startsWith("-----")))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(Certificates.parseCertificate(pem)).isEqualTo(CERT);
    }

    @Test
    void private_key_pem_is_pkcs8_and_round_trips() throws Exception {
        String pem = Certificates.toPem(KEYS.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        PrivateKey parsed = Certificates.parsePrivateKey(pem);
        assertThat(parsed.getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void csr_pem_round_trips_and_carries_the_public_key() throws Exception {
        PKCS10CertificationRequest csr = Certificates.createCsr(KEYS, "CN=sensor-gw-1");

        PKCS10CertificationRequest parsed = Certificates.parseCsr(Certificates.toPem(csr));

        assertThat(parsed.getEncoded()).isEqualTo(csr.getEncoded());
        assertThat(CertificateAuthority.verifiedCsrKey(parsed).getEncoded())
                .isEqualTo(KEYS.getPublic().getEncoded());
    }

    @Test
    void parse_rejects_text_without_pem() {
        assertThatThrownBy(() -> Certificates.parsePrivateKey("not a key"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Certificates.parseCsr(Certificates.toPem(CERT)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void parse_certificates_reads_a_bundle_in_order() throws Exception {
        String bundle = Certificates.toPem(CERT) + Certificates.toPem(CA.certificate());

        assertThat(Certificates.parseCertificates(bundle)).containsExactly(CERT, CA.certificate());
    }

    @Test
    void fingerprint_is_the_hex_sha256_of_the_der_encoding() throws Exception {
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CERT.getEncoded()));

        assertThat(Certificates.fingerprintSha256(CERT)).isEqualTo(expected).hasSize(64);
    }
}
