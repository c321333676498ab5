package org.biotdm.devnet.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Ecdsa;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final CertificateAuthority CA =
            CertificateAuthority.createRoot("org1.example.com", "ca.org1.example.com");
    private static final KeyPair KEYS = Ecdsa.generateP256();

    @Nested
    class Root {
        @Test
        void is_a_self_signed_ca_with_cryptogen_like_subject() throws Exception {
            X509Certificate root = CA.certificate();

            root.verify(root.getPublicKey());
            assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
            assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
            assertThat(root.getSubjectX500Principal().getName())
                    .isEqualTo("CN=ca.org1.example.com,O=org1.example.com,L=Raleigh,ST=North Carolina,C=US");
            assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(CA.organization()).isEqualTo("org1.example.com");
        }

        @Test
        void restored_ca_issues_certificates_that_chain_to_the_same_root() throws Exception {
            CertificateAuthority restored = CertificateAuthority.of(CA.certificate(), CA.privateKey());

            X509Certificate issued = restored.issue("x", "client", KEYS.getPublic(), Map.of());

            issued.verify(CA.certificate().getPublicKey());
        }

        @Test
        void of_refuses_a_leaf_certificate() {
            X509Certificate leaf = CA.issue("x", "client", KEYS.getPublic(), Map.of());

            assertThatThrownBy(() -> CertificateAuthority.of(leaf, KEYS.getPrivate()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Issue {
        @Test
        void identity_has_node_ou_subject_and_leaf_extensions() throws Exception {
            X509Certificate cert = CA.issue("peer0.org1.example.com", "peer", KEYS.getPublic(), Map.of());

            cert.verify(CA.certificate().getPublicKey());
            assertThat(cert.getSubjectX500Principal().getName())
                    .isEqualTo("CN=peer0.org1.example.com,OU=peer,O=org1.example.com,L=Raleigh,ST=North Carolina,C=US");
            assertThat(cert.getBasicConstraints()).isEqualTo(-1);
            assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(cert.getExtensionValue(CertificateAuthority.ATTRIBUTES_OID))
                    .isNull();
            assertThat(cert.getSerialNumber().bitLength()).isBetween(100, 128);
        }

        @Test
        void authority_key_id_is_the_root_subject_key_id() {
            X509Certificate cert = CA.issue("x", "client", KEYS.getPublic(), Map.of());

            byte[] rootSki = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                                    CA.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                            .getOctets())
                    .getKeyIdentifier();
            byte[] aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                                    cert.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                            .getOctets())
                    .getKeyIdentifier();
            assertThat(aki).isEqualTo(rootSki).hasSize(32);
        }

        @Test
        void attribute_extension_octets_are_the_json_the_chaincode_shim_parses() {
            Map<String, String> attributes =
                    CertificateAuthority.fabricCaAttributes("gw", "client", Map.of("biotdm.role", "gateway"));

            X509Certificate cert = CA.issue("gw", "client", KEYS.getPublic(), attributes);

            // ClientIdentity: DEROctetString.getInstance(cert.getExtensionValue(oid)).getOctets() is the JSON.
            byte[] octets = ASN1OctetString.getInstance(cert.getExtensionValue(CertificateAuthority.ATTRIBUTES_OID))
                    .getOctets();
            String json = new String(octets, StandardCharsets.UTF_8);
            assertThat(json)
                    .isEqualTo("{\"attrs\":{\"hf.EnrollmentID\":\"gw\",\"hf.Type\":\"client\","
                            + "\"hf.Affiliation\":\"\",\"biotdm.role\":\"gateway\"}}");
            JsonObject attrs = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("attrs");
            assertThat(attrs.get("biotdm.role").getAsString()).isEqualTo("gateway");
        }

        @Test
        void tls_certificate_has_loopback_and_host_subject_alternative_names() throws Exception {
            X509Certificate tls = CA.issueTls("peer0.org1.example.com", KEYS.getPublic());

            assertThat(tls.getSubjectAlternativeNames())
                    .contains(List.of(2, "peer0.org1.example.com"), List.of(2, "localhost"), List.of(7, "127.0.0.1"));
            assertThat(tls.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        }
    }

    @Nested
    class IssueFromCsr {
        @Test
        void certifies_the_csr_key_under_the_given_name() throws Exception {
            PKCS10CertificationRequest csr = Certificates.createCsr(KEYS, "CN=ignored");

            X509Certificate cert = CA.issueFromCsr(csr, "device-7", "client", Map.of());

            assertThat(cert.getPublicKey().getEncoded())
                    .isEqualTo(KEYS.getPublic().getEncoded());
            assertThat(cert.getSubjectX500Principal().getName()).startsWith("CN=device-7,OU=client,");
        }

        @Test
        void refuses_a_csr_whose_signature_does_not_verify() throws Exception {
            byte[] der = Certificates.createCsr(KEYS, "CN=device-7").getEncoded();
            der[der.length - 3] ^= 0x01;
            PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(der);

            assertThatThrownBy(() -> CA.issueFromCsr(tampered, "device-7", "client", Map.of()))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }
}
