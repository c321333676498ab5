package org.biotdm.devnet.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.msp.SigningIdentity;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoMaterialTest {
    @TempDir
    static Path shared;

    private static CryptoMaterial material;

    @BeforeAll
    static void generate() throws Exception {
        material = CryptoMaterial.generateOrLoad(shared.resolve("organizations"));
    }

    @Nested
    class Layout {
        @Test
        void has_three_peer_orgs_and_the_orderer_org_with_fabric_msp_ids() {
            assertThat(material.orgs()).extracting(OrgCrypto::mspId).containsExactly("Org1MSP", "Org2MSP", "Org3MSP");
            assertThat(material.orgs())
                    .extracting(OrgCrypto::domain)
                    .containsExactly("org1.example.com", "org2.example.com", "org3.example.com");
            assertThat(material.orderer().mspId()).isEqualTo("OrdererMSP");
            assertThat(material.org("Org2MSP").peerName()).isEqualTo("peer0.org2.example.com");
        }

        @Test
        void peer_org_directory_follows_cryptogen() {
            Path org = shared.resolve("organizations/peerOrganizations/org1.example.com");
            assertThat(material.org("Org1MSP").orgDir()).isEqualTo(org);
            for (String file : List.of(
                    "ca/ca.org1.example.com-cert.pem",
                    "ca/priv_sk",
                    "tlsca/tlsca.org1.example.com-cert.pem",
                    "tlsca/priv_sk",
                    "msp/cacerts/ca.org1.example.com-cert.pem",
                    "msp/tlscacerts/tlsca.org1.example.com-cert.pem",
                    "msp/config.yaml",
                    "peers/peer0.org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem",
                    "peers/peer0.org1.example.com/msp/keystore/priv_sk",
                    "peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem",
                    "peers/peer0.org1.example.com/msp/tlscacerts/tlsca.org1.example.com-cert.pem",
                    "peers/peer0.org1.example.com/msp/config.yaml",
                    "peers/peer0.org1.example.com/tls/ca.crt",
                    "peers/peer0.org1.example.com/tls/server.crt",
                    "peers/peer0.org1.example.com/tls/server.key",
                    "users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem",
                    "users/Admin@org1.example.com/msp/keystore/priv_sk",
                    "users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem",
                    "users/gateway@org1.example.com/msp/signcerts/gateway@org1.example.com-cert.pem",
                    "users/gateway@org1.example.com/msp/config.yaml")) {
                assertThat(org.resolve(file)).as(file).isRegularFile().isNotEmptyFile();
            }
        }

        @Test
        void orderer_org_directory_follows_cryptogen() {
            Path org = shared.resolve("organizations/ordererOrganizations/example.com");
            for (String file : List.of(
                    "ca/ca.example.com-cert.pem",
                    "msp/config.yaml",
                    "orderers/orderer.example.com/msp/signcerts/orderer.example.com-cert.pem",
                    "orderers/orderer.example.com/msp/keystore/priv_sk",
                    "orderers/orderer.example.com/tls/server.crt",
                    "orderers/orderer.example.com/tls/server.key",
                    "users/Admin@example.com/msp/signcerts/Admin@example.com-cert.pem")) {
                assertThat(org.resolve(file)).as(file).isRegularFile();
            }
            assertThat(material.orderer().ordererTlsKeyFile())
                    .isEqualTo(org.resolve("orderers/orderer.example.com/tls/server.key"));
        }

        @Test
        void config_yaml_enables_node_ous_like_cryptogen() throws Exception {
            String yaml = Files.readString(material.org("Org1MSP").mspDir().resolve("config.yaml"));

            assertThat(yaml)
                    .startsWith("NodeOUs:\n  Enable: true\n")
                    .contains("  ClientOUIdentifier:\n    Certificate: cacerts/ca.org1.example.com-cert.pem\n"
                            + "    OrganizationalUnitIdentifier: client\n")
                    .contains("OrganizationalUnitIdentifier: peer\n")
                    .contains("OrganizationalUnitIdentifier: admin\n")
                    .contains("OrganizationalUnitIdentifier: orderer\n");
        }

        @Test
        void private_keys_are_owner_only_pkcs8_files() throws Exception {
            Path key = material.org("Org1MSP").peerMspDir().resolve("keystore/priv_sk");

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                            material.org("Org1MSP").peerTlsKeyFile())))
                    .isEqualTo("rw-------");
        }

        @Test
        void tls_files_hold_the_exposed_tls_material() throws Exception {
            OrgCrypto org = material.org("Org3MSP");

            assertThat(Certificates.readCertificate(org.peerTlsCertificateFile()))
                    .isEqualTo(org.peerTlsCertificate());
            assertThat(Certificates.readCertificate(org.tlsCaCertificateFile())).isEqualTo(org.tlsCaCertificate());
            assertThat(Certificates.readPrivateKey(org.peerTlsKeyFile()).getEncoded())
                    .isEqualTo(org.peerTlsKey().getEncoded());
            org.peerTlsCertificate().verify(org.tlsCaCertificate().getPublicKey());
        }

        @Test
        void user_msp_dir_accepts_short_and_full_names() {
            OrgCrypto org = material.org("Org1MSP");

            assertThat(org.userMspDir("gateway")).isEqualTo(org.orgDir().resolve("users/gateway@org1.example.com/msp"));
            assertThat(org.userMspDir("Admin@org1.example.com")).isEqualTo(org.userMspDir("Admin"));
        }
    }

    @Nested
    class Identities {
        @Test
        void node_ous_match_the_roles() {
            OrgCrypto org = material.org("Org1MSP");

            assertThat(subject(org.peer())).contains("OU=peer,").contains("CN=peer0.org1.example.com");
            assertThat(subject(org.admin())).contains("OU=admin,").contains("CN=Admin@org1.example.com");
            assertThat(subject(org.user1())).contains("OU=client,");
            assertThat(subject(org.gatewayClient())).contains("OU=client,");
            assertThat(subject(material.orderer().orderer())).contains("OU=orderer,");
            assertThat(org.peer().mspId()).isEqualTo("Org1MSP");
        }

        @Test
        void gateway_and_admin_carry_their_biotdm_role_and_user1_none() {
            OrgCrypto org = material.org("Org2MSP");

            assertThat(attributes(org.gatewayClient()))
                    .contains("\"hf.EnrollmentID\":\"gateway@org2.example.com\"")
                    .contains("\"hf.Type\":\"client\"")
                    .contains("\"biotdm.role\":\"gateway\"");
            assertThat(attributes(org.admin())).contains("\"biotdm.role\":\"admin\"", "\"hf.Type\":\"admin\"");
            assertThat(attributes(org.user1()))
                    .contains("\"hf.Type\":\"client\"")
                    .doesNotContain("biotdm.role");
            assertThat(org.peer().certificate().getExtensionValue(CertificateAuthority.ATTRIBUTES_OID))
                    .isNull();
        }

        @Test
        void identities_chain_to_their_own_org_ca_only() throws Exception {
            OrgCrypto org1 = material.org("Org1MSP");
            OrgCrypto org2 = material.org("Org2MSP");

            org1.gatewayClient().certificate().verify(org1.caCertificate().getPublicKey());
            assertThatThrownBy(() -> org1.gatewayClient()
                            .certificate()
                            .verify(org2.caCertificate().getPublicKey()))
                    .isInstanceOf(java.security.SignatureException.class);
        }

        @Test
        void signing_identity_signs_verifiably() {
            SigningIdentity peer = material.org("Org1MSP").peer();
            byte[] message = "endorsement".getBytes(StandardCharsets.UTF_8);

            assertThat(org.biotdm.devnet.crypto.Ecdsa.verify(
                            peer.certificate().getPublicKey(), message, peer.sign(message)))
                    .isTrue();
        }
    }

    @Nested
    class Reload {
        @Test
        void reload_returns_identical_certificates_and_keys(@TempDir Path dir) throws Exception {
            CryptoMaterial first = CryptoMaterial.generateOrLoad(dir, 2);
            CryptoMaterial second = CryptoMaterial.generateOrLoad(dir, 2);

            for (int i = 0; i < 2; i++) {
                OrgCrypto a = first.orgs().get(i);
                OrgCrypto b = second.orgs().get(i);
                assertThat(b.caCertificate()).isEqualTo(a.caCertificate());
                assertThat(b.ca().privateKey().getEncoded())
                        .isEqualTo(a.ca().privateKey().getEncoded());
                assertThat(b.tlsCaCertificate()).isEqualTo(a.tlsCaCertificate());
                assertSame(b.peer(), a.peer());
                assertSame(b.admin(), a.admin());
                assertSame(b.gatewayClient(), a.gatewayClient());
                assertSame(b.user1(), a.user1());
                assertThat(b.peerTlsCertificate()).isEqualTo(a.peerTlsCertificate());
                assertThat(b.peerTlsKey().getEncoded()).isEqualTo(a.peerTlsKey().getEncoded());
            }
            assertSame(second.orderer().orderer(), first.orderer().orderer());
        }

        @Test
        void more_orgs_on_restart_keeps_the_existing_ones(@TempDir Path dir) throws Exception {
            CryptoMaterial one = CryptoMaterial.generateOrLoad(dir, 1);
            CryptoMaterial two = CryptoMaterial.generateOrLoad(dir, 2);

            assertThat(two.orgs()).hasSize(2);
            assertThat(two.org("Org1MSP").caCertificate())
                    .isEqualTo(one.org("Org1MSP").caCertificate());
        }

        @Test
        void incomplete_org_is_regenerated_cleanly(@TempDir Path dir) throws Exception {
            CryptoMaterial first = CryptoMaterial.generateOrLoad(dir, 1);
            X509Certificate oldCa = first.org("Org1MSP").caCertificate();
            Files.delete(first.org("Org1MSP").userMspDir("gateway").resolve("keystore/priv_sk"));

            CryptoMaterial second = CryptoMaterial.generateOrLoad(dir, 1);

            assertThat(second.org("Org1MSP").caCertificate()).isNotEqualTo(oldCa);
            assertThat(second.org("Org1MSP").userMspDir("gateway").resolve("keystore/priv_sk"))
                    .isRegularFile();
            assertThat(second.orderer().caCertificate())
                    .isEqualTo(first.orderer().caCertificate());
        }

        @Test
        void a_key_that_does_not_match_its_certificate_forces_regeneration(@TempDir Path dir) throws Exception {
            CryptoMaterial first = CryptoMaterial.generateOrLoad(dir, 1);
            OrgCrypto org = first.org("Org1MSP");
            Files.copy(
                    org.userMspDir("User1").resolve("keystore/priv_sk"),
                    org.peerMspDir().resolve("keystore/priv_sk"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            CryptoMaterial second = CryptoMaterial.generateOrLoad(dir, 1);

            assertThat(second.org("Org1MSP").caCertificate()).isNotEqualTo(org.caCertificate());
        }

        @Test
        void leftover_staging_directory_from_a_crash_is_removed(@TempDir Path dir) throws Exception {
            Path staging = dir.resolve("peerOrganizations/.org1.example.com.staging/ca");
            Files.createDirectories(staging);
            Files.writeString(staging.resolve("priv_sk"), "half");

            CryptoMaterial material = CryptoMaterial.generateOrLoad(dir, 1);

            assertThat(dir.resolve("peerOrganizations/.org1.example.com.staging"))
                    .doesNotExist();
            assertThat(material.org("Org1MSP").orgDir()).isDirectory();
        }

        @Test
        void org_count_below_one_is_refused(@TempDir Path dir) {
            assertThatThrownBy(() -> CryptoMaterial.generateOrLoad(dir, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void assertSame(SigningIdentity actual, SigningIdentity expected) {
        assertThat(actual.mspId()).isEqualTo(expected.mspId());
        assertThat(actual.certificate()).isEqualTo(expected.certificate());
        assertThat(actual.privateKey().getEncoded())
                .isEqualTo(expected.privateKey().getEncoded());
    }

    private static String subject(SigningIdentity identity) {
        return identity.certificate().getSubjectX500Principal().getName();
    }

    private static String attributes(SigningIdentity identity) {
        return new String(
                ASN1OctetString.getInstance(
                                identity.certificate().getExtensionValue(CertificateAuthority.ATTRIBUTES_OID))
                        .getOctets(),
                StandardCharsets.UTF_8);
    }
}
