package org.biotdm.devnet.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.biotdm.devnet.ca.CertificateAuthority;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Ecdsa;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelMspTest {
    private static final String UNKNOWN_AUTHORITY = "could not obtain certification chain: "
            + "the supplied identity is not valid: x509: certificate signed by unknown authority";

    @TempDir
    static Path dir;

    private static CryptoMaterial material;
    private static ChannelMsp msp;
    private static OrgCrypto org1;

    @BeforeAll
    static void generate() throws Exception {
        material = CryptoMaterial.generateOrLoad(dir, 2);
        msp = ChannelMsp.of(material);
        org1 = material.org("Org1MSP");
    }

    @Nested
    class Accepts {
        @Test
        void the_orgs_own_identities_with_their_node_ous() throws Exception {
            assertThat(msp.deserialize(org1.peer().serialize()).organizationalUnits())
                    .containsExactly("peer");
            assertThat(msp.deserialize(org1.admin().serialize()).organizationalUnits())
                    .containsExactly("admin");
            assertThat(msp.deserialize(org1.gatewayClient().serialize()).organizationalUnits())
                    .containsExactly("client");
            assertThat(msp.deserialize(material.orderer().orderer().serialize()).organizationalUnits())
                    .containsExactly("orderer");
        }

        @Test
        void and_exposes_msp_id_certificate_key_and_serialized_bytes() throws Exception {
            ByteString serialized = org1.user1().serialize();

            MspIdentity identity = msp.deserialize(serialized);

            assertThat(identity.mspId()).isEqualTo("Org1MSP");
            assertThat(identity.certificate()).isEqualTo(org1.user1().certificate());
            assertThat(identity.publicKey())
                    .isEqualTo(org1.user1().certificate().getPublicKey());
            assertThat(identity.serialized()).isEqualTo(serialized);
        }

        @Test
        void identity_verifies_its_own_signatures_only() throws Exception {
            MspIdentity identity = msp.deserialize(org1.peer().serialize());
            byte[] message = "proposal response payload".getBytes(StandardCharsets.UTF_8);
            byte[] signature = org1.peer().sign(message);

            assertThat(identity.verify(message, signature)).isTrue();
            assertThat(identity.verify(message, signature)).as("cached").isTrue();
            assertThat(identity.verify("other".getBytes(StandardCharsets.UTF_8), signature))
                    .isFalse();
            assertThat(identity.verify(message, org1.admin().sign(message))).isFalse();
            assertThat(identity.verify(message, new byte[] {1, 2, 3})).isFalse();
        }

        @Test
        void repeated_creators_from_the_cache() throws Exception {
            ByteString serialized = org1.gatewayClient().serialize();

            assertThat(msp.deserialize(ByteString.copyFrom(serialized.toByteArray())))
                    .isSameAs(msp.deserialize(serialized));
        }

        @Test
        void equal_identities_compare_equal_by_serialized_bytes() throws Exception {
            ChannelMsp other = ChannelMsp.of(material);

            assertThat(other.deserialize(org1.peer().serialize()))
                    .isEqualTo(msp.deserialize(org1.peer().serialize()));
        }
    }

    @Nested
    class Rejects {
        @Test
        void an_msp_that_is_not_on_the_channel() {
            ByteString serialized =
                    Certificates.serializedIdentity("Org9MSP", org1.peer().certificate());

            assertThatThrownBy(() -> msp.deserialize(serialized))
                    .isInstanceOf(MspException.class)
                    .hasMessage("MSP Org9MSP is not defined on channel");
        }

        @Test
        void a_self_signed_identity_claiming_org1() {
            CertificateAuthority foreign = CertificateAuthority.createRoot("evil.example.com", "ca.evil.example.com");
            X509Certificate cert =
                    foreign.issue("mallory", "client", Ecdsa.generateP256().getPublic(), Map.of());

            assertThatThrownBy(() -> msp.deserialize(Certificates.serializedIdentity("Org1MSP", cert)))
                    .isInstanceOf(MspException.class)
                    .hasMessage(UNKNOWN_AUTHORITY);
        }

        @Test
        void a_certificate_from_a_ca_impersonating_org1s_ca_name() {
            CertificateAuthority impostor = CertificateAuthority.createRoot("org1.example.com", "ca.org1.example.com");
            X509Certificate cert =
                    impostor.issue("mallory", "client", Ecdsa.generateP256().getPublic(), Map.of());

            assertThatThrownBy(() -> msp.deserialize(Certificates.serializedIdentity("Org1MSP", cert)))
                    .hasMessage(UNKNOWN_AUTHORITY + " (possibly because of \"x509: ECDSA verification failure\""
                            + " while trying to verify candidate authority certificate \"ca.org1.example.com\")");
        }

        @Test
        void another_orgs_identity_claiming_org1() {
            ByteString serialized = Certificates.serializedIdentity(
                    "Org1MSP", material.org("Org2MSP").peer().certificate());

            assertThatThrownBy(() -> msp.deserialize(serialized)).hasMessage(UNKNOWN_AUTHORITY);
        }

        @Test
        void an_expired_certificate() {
            Instant now = Instant.now();
            X509Certificate expired = org1.ca()
                    .issue(
                            "old-device",
                            "client",
                            Ecdsa.generateP256().getPublic(),
                            Map.of(),
                            now.minus(Duration.ofDays(30)),
                            now.minus(Duration.ofDays(1)));

            assertThatThrownBy(() -> msp.deserialize(Certificates.serializedIdentity("Org1MSP", expired)))
                    .isInstanceOf(MspException.class)
                    .hasMessageStartingWith("could not obtain certification chain: the supplied identity is not valid:"
                            + " x509: certificate has expired or is not yet valid: current time ")
                    .hasMessageContaining(" is after ");
        }

        @Test
        void a_cached_identity_once_it_expires() throws Exception {
            MutableClock clock = new MutableClock(Instant.now());
            ChannelMsp timed = new ChannelMsp(material.rootCertificates(), clock);
            Instant now = Instant.now();
            X509Certificate shortLived = org1.ca()
                    .issue(
                            "d",
                            "client",
                            Ecdsa.generateP256().getPublic(),
                            Map.of(),
                            now.minusSeconds(60),
                            now.plusSeconds(60));
            ByteString serialized = Certificates.serializedIdentity("Org1MSP", shortLived);
            timed.deserialize(serialized);

            clock.now = now.plusSeconds(120);

            assertThatThrownBy(() -> timed.deserialize(serialized)).hasMessageContaining("is after");
        }

        @Test
        void a_ca_certificate_used_as_an_identity() {
            ByteString serialized = Certificates.serializedIdentity("Org1MSP", org1.caCertificate());

            assertThatThrownBy(() -> msp.deserialize(serialized))
                    .hasMessage("could not obtain certification chain: An X509 certificate with Basic Constraint:"
                            + " Certificate Authority equals true cannot be used as an identity");
        }

        @Test
        void an_identity_without_a_node_ou() {
            X509Certificate noOu =
                    org1.ca().issue("nobody", null, Ecdsa.generateP256().getPublic(), Map.of());

            assertThatThrownBy(() -> msp.deserialize(Certificates.serializedIdentity("Org1MSP", noOu)))
                    .hasMessageStartingWith("could not validate identity's OUs: the identity does not have an OU"
                            + " that resolves to client, peer, orderer, or admin role. OUs: [], MSP: [Org1MSP]");
        }

        @Test
        void bytes_that_are_not_a_serialized_identity() {
            assertThatThrownBy(() -> msp.deserialize(ByteString.copyFrom(new byte[] {(byte) 0xff, 1, 2})))
                    .hasMessageStartingWith("could not deserialize a SerializedIdentity");
        }

        @Test
        void id_bytes_that_are_not_pem() throws Exception {
            ByteString der = SerializedIdentity.newBuilder()
                    .setMspid("Org1MSP")
                    .setIdBytes(ByteString.copyFrom(org1.peer().certificate().getEncoded()))
                    .build()
                    .toByteString();
            ByteString brokenPem = SerializedIdentity.newBuilder()
                    .setMspid("Org1MSP")
                    .setIdBytes(
                            ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                    .build()
                    .toByteString();

            assertThatThrownBy(() -> msp.deserialize(der)).hasMessage("could not decode the PEM structure");
            assertThatThrownBy(() -> msp.deserialize(brokenPem)).hasMessageStartingWith("parseCertificate failed");
        }
    }

    @Test
    void constructor_refuses_a_leaf_as_root() {
        X509Certificate leaf = org1.peer().certificate();

        assertThatThrownBy(() -> new ChannelMsp(Map.of("Org1MSP", List.of(leaf))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lists_the_member_msps() {
        assertThat(msp.mspIds()).containsExactlyInAnyOrder("Org1MSP", "Org2MSP", "OrdererMSP");
        assertThat(msp.rootCertificates("Org2MSP"))
                .containsExactly(material.org("Org2MSP").caCertificate());
    }

    @Test
    void verification_cache_keeps_only_what_was_added() {
        VerificationCache cache = new VerificationCache(16);
        KeyPair keys = Ecdsa.generateP256();
        byte[] key = VerificationCache.key(keys.getPublic().getEncoded(), new byte[] {1}, new byte[] {2});

        assertThat(cache.contains(key)).isFalse();
        cache.add(key);
        assertThat(cache.contains(key)).isTrue();
        assertThat(cache.contains(VerificationCache.key(keys.getPublic().getEncoded(), new byte[] {1}, new byte[] {3})))
                .isFalse();
    }

    @Test
    void a_remembered_own_signature_verifies_from_the_cache() throws Exception {
        MspIdentity peer = msp.deserialize(org1.peer().serialize());
        byte[] message = "endorsement remembered by its signer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Not a valid signature: the cache answers for it only because it was declared as one's own.
        byte[] notASignature = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};

        assertThat(peer.verify(message, notASignature)).isFalse();
        peer.rememberOwnSignature(message, notASignature);

        assertThat(msp.deserialize(org1.peer().serialize()).verify(message, notASignature))
                .isTrue();
        assertThat(msp.deserialize(org1.admin().serialize()).verify(message, notASignature))
                .as("another identity's key is part of the cache key")
                .isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
