package org.biotdm.gateway.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.DevCaEnrollmentService;
import org.biotdm.devnet.ca.EnrollmentHttpServer;
import org.biotdm.devnet.fabricca.FabricCaApi;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FabricEnroller} against the dev network's Fabric CA endpoints, started alone (no peers): the registrar's
 * enrolment, register then enroll with {@code attr_reqs}, a second enrolment of one name, a CA that forgot its
 * registry, and refusals versus outages.
 */
class FabricEnrollerTest {
    private static final String ATTRIBUTES_OID = "1.2.3.4.5.6.7.8.1";

    @TempDir
    static Path dir;

    private static CryptoMaterial material;
    private static int port;
    private static UsersConfiguration users;
    private EnrollmentHttpServer server;

    @BeforeAll
    static void generateMaterialAndSettings() throws Exception {
        material = CryptoMaterial.generateOrLoad(dir.resolve("organizations"), 2);
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // Binding settings starts a context: once for the class, every test's CA listening on the same port.
        users = TestSettings.bind(
                UsersConfiguration.class, Map.of("biotdm.users.enrollment-url", "http://127.0.0.1:" + port));
    }

    @BeforeEach
    void start() throws Exception {
        server = startCa(port);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void enrols_a_person_with_the_role_attribute_from_their_organisations_ca() throws Exception {
        X509Certificate certificate = certificate(enroller(server).enroll("Org2MSP", "ada", csr("ada"), role()));

        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=ada", "OU=client");
        certificate.verify(material.org("Org2MSP").caCertificate().getPublicKey());
        assertThat(attributesJson(certificate))
                .isEqualTo("{\"attrs\":{\"biotdm.role\":\"operator\",\"hf.Affiliation\":\"\","
                        + "\"hf.EnrollmentID\":\"ada\",\"hf.Type\":\"client\"}}");
    }

    @Test
    void enrols_a_name_the_ca_knows_already_with_its_new_role() throws Exception {
        FabricEnroller enroller = enroller(server);
        enroller.enroll("Org2MSP", "ada", csr("ada"), role());

        X509Certificate again =
                certificate(enroller.enroll("Org2MSP", "ada", csr("ada"), Map.of("biotdm.role", "auditor")));

        assertThat(attributesJson(again)).contains("\"biotdm.role\":\"auditor\"");
    }

    @Test
    void keeps_enrolling_after_the_ca_restarts_with_an_empty_registry() throws Exception {
        FabricEnroller enroller = enroller(server);
        enroller.enroll("Org2MSP", "ada", csr("ada"), role());
        int port = server.port();
        server.close();
        server = startCa(port);

        X509Certificate again = certificate(enroller.enroll("Org2MSP", "ada", csr("ada"), role()));

        again.verify(material.org("Org2MSP").caCertificate().getPublicKey());
    }

    @Test
    void a_csr_for_another_name_is_a_refusal_not_an_outage() {
        assertThatThrownBy(() -> enroller(server).enroll("Org2MSP", "ada", csr("eve"), role()))
                .isInstanceOfSatisfying(FabricEnroller.EnrollmentFailedException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).contains("403", "code 77");
                });
    }

    @Test
    void a_wrong_registrar_secret_is_a_refusal() {
        FabricEnroller enroller = new FabricEnroller(
                users(server),
                new RegistrarSecrets(List.of("Org2MSP"), Map.of("Org2MSP", "wrong"), List.of()),
                JsonMapper.createDefault());

        assertThatThrownBy(() -> enroller.enroll("Org2MSP", "ada", csr("ada"), role()))
                .isInstanceOfSatisfying(FabricEnroller.EnrollmentFailedException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).contains("401", "code 20", "Authentication failure");
                });
    }

    @Test
    void an_unreachable_ca_is_an_outage() {
        FabricEnroller enroller = enroller(server);
        server.close();

        assertThatThrownBy(() -> enroller.enroll("Org2MSP", "ada", csr("ada"), role()))
                .isInstanceOfSatisfying(FabricEnroller.EnrollmentFailedException.class, e -> assertThat(e.unavailable())
                        .isTrue());
    }

    @Test
    void names_the_ca_of_an_organisation_as_the_dev_network_and_network_fabric_do_unless_configured() {
        FabricEnroller enroller = enroller(server);

        assertThat(enroller.caName("Org2MSP")).isEqualTo("ca-org2");
        assertThat(new FabricEnroller(
                                TestSettings.bind(
                                        UsersConfiguration.class,
                                        Map.of("biotdm.users.ca-names", Map.of("Org2MSP", "ca-west"))),
                                secrets(),
                                JsonMapper.createDefault())
                        .caName("Org2MSP"))
                .isEqualTo("ca-west");
    }

    private EnrollmentHttpServer startCa(int port) throws Exception {
        EnrollmentHttpServer ca = new EnrollmentHttpServer(
                new DevCaEnrollmentService(material), material, dir.resolve("registrars"), "127.0.0.1", port);
        ca.serve(FabricCaApi.PREFIX, FabricCaApi.forDevnet(material, ca.secrets())::handle);
        ca.start();
        return ca;
    }

    private FabricEnroller enroller(EnrollmentHttpServer ca) {
        return new FabricEnroller(users(ca), secrets(), JsonMapper.createDefault());
    }

    private RegistrarSecrets secrets() {
        return new RegistrarSecrets(
                List.of("Org2MSP"),
                Map.of("Org2MSP", server.secrets().secret("Org2MSP").orElseThrow()),
                List.of());
    }

    private static UsersConfiguration users(EnrollmentHttpServer ca) {
        assertThat(ca.port()).isEqualTo(port);
        return users;
    }

    private static Map<String, String> role() {
        return Map.of("biotdm.role", "operator");
    }

    private static String csr(String name) {
        KeyPair key = PemKeys.newP256();
        return PemKeys.csrPem(key, name);
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The extension's value is an OCTET STRING whose content is the JSON itself. */
    private static String attributesJson(X509Certificate certificate) {
        byte[] octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(certificate.getExtensionValue(ATTRIBUTES_OID))
                .getOctets();
        return new String(octets, StandardCharsets.UTF_8);
    }
}
