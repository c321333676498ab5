package org.biotdm.devnet.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Ecdsa;
import org.biotdm.devnet.msp.ChannelMsp;
import org.biotdm.devnet.msp.MspIdentity;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCaEnrollmentServiceTest {
    @TempDir
    static Path dir;

    private static CryptoMaterial material;
    private static DevCaEnrollmentService service;
    private static final KeyPair KEYS = Ecdsa.generateP256();
    private static final String CSR = Certificates.toPem(Certificates.createCsr(KEYS, "CN=whatever"));

    @BeforeAll
    static void generate() throws Exception {
        material = CryptoMaterial.generateOrLoad(dir, 2);
        service = new DevCaEnrollmentService(material);
    }

    @Nested
    class Enroll {
        @Test
        void issues_a_certificate_for_the_csr_key_chaining_to_the_org_ca() throws Exception {
            Enrollment enrollment = service.enroll(
                    new EnrollmentRequest("Org2MSP", "sensor-gw-1", CSR, "client", Map.of("biotdm.role", "device")));

            X509Certificate cert = Certificates.parseCertificate(enrollment.certificatePem());
            cert.verify(material.org("Org2MSP").caCertificate().getPublicKey());
            assertThat(enrollment.mspId()).isEqualTo("Org2MSP");
            assertThat(Certificates.parseCertificates(enrollment.caChainPem()))
                    .containsExactly(material.org("Org2MSP").caCertificate());
            assertThat(cert.getPublicKey().getEncoded())
                    .isEqualTo(KEYS.getPublic().getEncoded());
            assertThat(cert.getSubjectX500Principal().getName())
                    .startsWith("CN=sensor-gw-1,OU=client,O=org2.example.com,");
            assertThat(attributesJson(cert))
                    .isEqualTo("{\"attrs\":{\"hf.EnrollmentID\":\"sensor-gw-1\",\"hf.Type\":\"client\","
                            + "\"hf.Affiliation\":\"\",\"biotdm.role\":\"device\"}}");
        }

        @Test
        void enrolled_identity_is_accepted_by_the_channel_msp_as_a_client() throws Exception {
            Enrollment enrollment = service.enroll(
                    new EnrollmentRequest("Org1MSP", "ops-admin", CSR, "client", Map.of("biotdm.role", "admin")));

            MspIdentity identity = ChannelMsp.of(material)
                    .deserialize(Certificates.serializedIdentity(
                            "Org1MSP", Certificates.parseCertificate(enrollment.certificatePem())));

            assertThat(identity.organizationalUnits()).containsExactly("client");
        }

        @Test
        void keeps_every_biotdm_role_of_people_and_gateways() throws Exception {
            for (String role : new String[] {"admin", "operator", "auditor", "gateway"}) {
                Enrollment enrollment = service.enroll(
                        new EnrollmentRequest("Org1MSP", "p-" + role, CSR, "client", Map.of("biotdm.role", role)));

                assertThat(attributesJson(Certificates.parseCertificate(enrollment.certificatePem())))
                        .contains("\"hf.Type\":\"client\"")
                        .contains("\"biotdm.role\":\"" + role + "\"");
            }
        }

        @Test
        void type_defaults_to_client() throws Exception {
            Enrollment enrollment = service.enroll(new EnrollmentRequest("Org1MSP", "d1", CSR, null, null));

            assertThat(Certificates.parseCertificate(enrollment.certificatePem())
                            .getSubjectX500Principal()
                            .getName())
                    .contains("OU=client");
        }
    }

    @Nested
    class Refuses {
        @Test
        void an_unknown_msp() {
            assertCode(
                    new EnrollmentRequest("Org9MSP", "d1", CSR, "client", Map.of()),
                    EnrollmentErrorCode.ENROLLMENT_UNKNOWN_MSP);
            assertCode(
                    new EnrollmentRequest(null, "d1", CSR, "client", Map.of()),
                    EnrollmentErrorCode.ENROLLMENT_UNKNOWN_MSP);
        }

        @Test
        void a_blank_or_malformed_enrollment_id() {
            for (String id : new String[] {null, "", " ", "a b", "x/y", "ü", "a".repeat(65)}) {
                assertCode(
                        new EnrollmentRequest("Org1MSP", id, CSR, "client", Map.of()),
                        EnrollmentErrorCode.ENROLLMENT_INVALID_ID);
            }
        }

        @Test
        void a_csr_that_is_garbage_or_mis_signed() throws Exception {
            byte[] der = Certificates.createCsr(KEYS, "CN=x").getEncoded();
            der[der.length - 3] ^= 0x01;
            String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n"
                    + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";

            for (String csr : new String[] {null, "", "not a csr", tampered}) {
                assertCode(
                        new EnrollmentRequest("Org1MSP", "d1", csr, "client", Map.of()),
                        EnrollmentErrorCode.ENROLLMENT_INVALID_CSR);
            }
        }

        @Test
        void a_type_fabric_does_not_know() {
            for (String type : new String[] {"device", "", "Client"}) {
                assertCode(
                        new EnrollmentRequest("Org1MSP", "d1", CSR, type, Map.of()),
                        EnrollmentErrorCode.ENROLLMENT_INVALID_TYPE);
            }
        }

        @Test
        void a_peer_orderer_or_admin_identity_which_could_endorse_or_administer() {
            for (String type : new String[] {"peer", "orderer", "admin"}) {
                assertCode(
                        new EnrollmentRequest("Org1MSP", "node-" + type, CSR, type, Map.of()),
                        EnrollmentErrorCode.ENROLLMENT_TYPE_FORBIDDEN);
            }
        }

        @Test
        void reserved_or_malformed_attributes() {
            Map<String, String> nullValue = new LinkedHashMap<>();
            nullValue.put("biotdm.role", null);
            for (Map<String, String> attributes : new Map[] {
                Map.of("hf.Type", "admin"),
                Map.of("bad name", "x"),
                Map.of("role", "line\nbreak"),
                Map.of("role", "v".repeat(1025)),
                nullValue
            }) {
                assertCode(
                        new EnrollmentRequest("Org1MSP", "d1", CSR, "client", attributes),
                        EnrollmentErrorCode.ENROLLMENT_INVALID_ATTRIBUTE);
            }
        }
    }

    private static void assertCode(EnrollmentRequest request, EnrollmentErrorCode code) {
        assertThatThrownBy(() -> service.enroll(request)).isInstanceOfSatisfying(EnrollmentException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith("[" + code + "] ");
        });
    }

    static String attributesJson(X509Certificate cert) {
        return new String(
                ASN1OctetString.getInstance(cert.getExtensionValue(CertificateAuthority.ATTRIBUTES_OID))
                        .getOctets(),
                StandardCharsets.UTF_8);
    }
}
