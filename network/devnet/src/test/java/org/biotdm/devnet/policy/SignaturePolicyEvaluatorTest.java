package org.biotdm.devnet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biotdm.devnet.policy.PolicyDslTest.envelope;
import static org.biotdm.devnet.policy.PolicyDslTest.outOf;
import static org.biotdm.devnet.policy.PolicyDslTest.role;
import static org.biotdm.devnet.policy.PolicyDslTest.signedBy;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.biotdm.devnet.msp.MspIdentity;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignaturePolicyEvaluatorTest {

    private static final TestIdentity ORG1_PEER = TestIdentity.peer("Org1MSP");
    private static final TestIdentity ORG1_CLIENT = TestIdentity.client("Org1MSP");
    private static final TestIdentity ORG1_ADMIN = TestIdentity.admin("Org1MSP");
    private static final TestIdentity ORG2_PEER = TestIdentity.peer("Org2MSP");

    private static boolean satisfies(String policy, MspIdentity... signers) {
        return new SignaturePolicyEvaluator(PolicyDsl.parse(policy)).isSatisfiedBy(List.of(signers));
    }

    private static boolean satisfies(MSPPrincipal principal, MspIdentity... signers) {
        return new SignaturePolicyEvaluator(envelope(outOf(1, signedBy(0)), principal)).isSatisfiedBy(List.of(signers));
    }

    @Nested
    class UsedIdentities {

        @Test
        void and_of_the_same_principal_needs_two_distinct_identities() {
            String policy = "AND('Org1MSP.member', 'Org1MSP.member')";
            assertThat(satisfies(policy, ORG1_PEER)).isFalse();
            assertThat(satisfies(policy, ORG1_PEER, ORG1_CLIENT)).isTrue();
        }

        @Test
        void a_repeated_signer_counts_once() {
            assertThat(satisfies("AND('Org1MSP.member', 'Org1MSP.member')", ORG1_PEER, ORG1_PEER))
                    .isFalse();
        }

        @Test
        void one_peer_cannot_fill_both_a_peer_and_a_member_slot() {
            String policy = "OutOf(2, 'Org1MSP.peer', 'Org1MSP.member')";
            assertThat(satisfies(policy, ORG1_PEER)).isFalse();
            assertThat(satisfies(policy, ORG1_PEER, ORG1_CLIENT)).isTrue();
        }

        @Test
        void signed_by_takes_the_first_unused_match_greedily_like_cauthdsl() {
            // The member slot grabs the peer (first in order), leaving nobody for the peer slot; a backtracking
            // matcher would have succeeded, cauthdsl does not.
            String policy = "AND('Org1MSP.member', 'Org1MSP.peer')";
            assertThat(satisfies(policy, ORG1_PEER, ORG1_CLIENT)).isFalse();
            assertThat(satisfies(policy, ORG1_CLIENT, ORG1_PEER)).isTrue();
        }

        @Test
        void a_nested_gate_commits_the_marks_of_every_successful_rule() {
            // OR evaluates both rules without short-circuit, so it uses both Org1 identities and the last slot fails.
            String policy = "AND(OR('Org1MSP.member', 'Org1MSP.member'), 'Org1MSP.member')";
            assertThat(satisfies(policy, ORG1_PEER, ORG1_CLIENT)).isFalse();
            assertThat(satisfies(policy, ORG1_PEER, ORG1_CLIENT, ORG1_ADMIN)).isTrue();
        }

        @Test
        void a_failed_sub_rule_releases_its_marks() {
            // AND('Org1.member','Org2.peer') fails without Org2 and must not keep Org1's identity used.
            String policy = "OutOf(1, AND('Org1MSP.member', 'Org2MSP.peer'), 'Org1MSP.member')";
            assertThat(satisfies(policy, ORG1_CLIENT)).isTrue();
        }

        @Test
        void signers_of_other_orgs_do_not_count() {
            assertThat(satisfies("AND('Org1MSP.peer', 'Org2MSP.peer')", ORG1_PEER, ORG2_PEER))
                    .isTrue();
            assertThat(satisfies("AND('Org1MSP.peer', 'Org2MSP.peer')", ORG1_PEER, TestIdentity.peer("Org3MSP")))
                    .isFalse();
        }

        @Test
        void threshold_zero_needs_nobody_and_n_plus_one_nobody_can_meet() {
            assertThat(satisfies("OutOf(0, 'Org1MSP.peer')")).isTrue();
            assertThat(satisfies("OutOf(2, 'Org1MSP.peer')", ORG1_PEER, ORG1_CLIENT))
                    .isFalse();
        }
    }

    @Nested
    class Roles {

        @Test
        void member_matches_any_identity_of_the_msp() {
            assertThat(satisfies("OR('Org1MSP.member')", TestIdentity.of("Org1MSP", null, "no-ou")))
                    .isTrue();
            assertThat(satisfies("OR('Org1MSP.member')", ORG2_PEER)).isFalse();
        }

        @Test
        void node_roles_match_by_organizational_unit() {
            assertThat(satisfies("OR('Org1MSP.peer')", ORG1_PEER)).isTrue();
            assertThat(satisfies("OR('Org1MSP.peer')", ORG1_CLIENT, ORG1_ADMIN)).isFalse();
            assertThat(satisfies("OR('Org1MSP.client')", ORG1_CLIENT)).isTrue();
            assertThat(satisfies("OR('Org1MSP.client')", ORG1_PEER)).isFalse();
            assertThat(satisfies("OR('Org1MSP.orderer')", TestIdentity.of("Org1MSP", "orderer", "o")))
                    .isTrue();
        }

        @Test
        void admin_is_matched_by_the_admin_ou_only() {
            assertThat(satisfies("OR('Org1MSP.admin')", ORG1_ADMIN)).isTrue();
            assertThat(satisfies("OR('Org1MSP.admin')", ORG1_PEER, ORG1_CLIENT)).isFalse();
        }

        @Test
        void ou_values_are_case_sensitive() {
            assertThat(satisfies("OR('Org1MSP.peer')", TestIdentity.of("Org1MSP", "PEER", "p")))
                    .isFalse();
        }

        @Test
        void an_unknown_role_value_is_never_satisfied() {
            MSPPrincipal unknownRole = MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(org.hyperledger.fabric.protos.common.MSPRole.newBuilder()
                            .setMspIdentifier("Org1MSP")
                            .setRoleValue(9)
                            .build()
                            .toByteString())
                    .build();
            assertThat(satisfies(unknownRole, ORG1_PEER, ORG1_ADMIN)).isFalse();
        }
    }

    @Nested
    class OtherPrincipals {

        @Test
        void identity_matches_the_exact_serialized_identity() {
            MSPPrincipal principal = MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                    .setPrincipal(ORG1_PEER.serialized())
                    .build();
            assertThat(satisfies(principal, ORG1_PEER)).isTrue();
            assertThat(satisfies(principal, ORG1_CLIENT, TestIdentity.peer("Org2MSP")))
                    .isFalse();
        }

        @Test
        void identity_matches_the_same_certificate_in_differently_wrapped_pem() throws Exception {
            X509Certificate certificate = selfSignedCertificate();
            String base64 = Base64.getEncoder().encodeToString(certificate.getEncoded());
            String pem64 = pem(base64, 64, "\n");
            String pem76 = pem(base64, 76, "\r\n");
            assertThat(parse(pem76)).isEqualTo(certificate);
            MspIdentity signer = new TestIdentity("Org1MSP", Set.of("peer"), serialized("Org1MSP", pem64), certificate);
            MSPPrincipal samePrincipal = MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                    .setPrincipal(serialized("Org1MSP", pem76))
                    .build();
            MSPPrincipal otherMsp = samePrincipal.toBuilder()
                    .setPrincipal(serialized("Org2MSP", pem76))
                    .build();

            assertThat(satisfies(samePrincipal, signer)).isTrue();
            assertThat(satisfies(otherMsp, signer)).isFalse();
        }

        @Test
        void organization_unit_matches_msp_and_ou_ignoring_certifiers() {
            MSPPrincipal principal = MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ORGANIZATION_UNIT)
                    .setPrincipal(OrganizationUnit.newBuilder()
                            .setMspIdentifier("Org1MSP")
                            .setOrganizationalUnitIdentifier("peer")
                            .setCertifiersIdentifier(ByteString.copyFromUtf8("chain-hash"))
                            .build()
                            .toByteString())
                    .build();
            assertThat(satisfies(principal, ORG1_PEER)).isTrue();
            assertThat(satisfies(principal, ORG1_CLIENT, ORG2_PEER)).isFalse();
        }

        @Test
        void combined_requires_every_part() {
            MSPPrincipal combined = MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.COMBINED)
                    .setPrincipal(CombinedPrincipal.newBuilder()
                            .addPrincipals(role("Org1MSP", MSPRoleType.MEMBER))
                            .addPrincipals(role("Org1MSP", MSPRoleType.PEER))
                            .build()
                            .toByteString())
                    .build();
            assertThat(satisfies(combined, ORG1_PEER)).isTrue();
            assertThat(satisfies(combined, ORG1_CLIENT)).isFalse();
        }

        @Test
        void anonymity_nominal_matches_and_anonymous_does_not() {
            assertThat(satisfies(anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL), ORG2_PEER))
                    .isTrue();
            assertThat(satisfies(anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType.ANONYMOUS), ORG2_PEER))
                    .isFalse();
        }

        @Test
        void unknown_classification_and_unparseable_principals_are_never_satisfied() {
            MSPPrincipal unknown = MSPPrincipal.newBuilder()
                    .setPrincipalClassificationValue(42)
                    .setPrincipal(ORG1_PEER.serialized())
                    .build();
            MSPPrincipal garbage = MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}))
                    .build();
            assertThat(satisfies(unknown, ORG1_PEER)).isFalse();
            assertThat(satisfies(garbage, ORG1_PEER)).isFalse();
        }

        private MSPPrincipal anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType type) {
            return MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ANONYMITY)
                    .setPrincipal(MSPIdentityAnonymity.newBuilder()
                            .setAnonymityType(type)
                            .build()
                            .toByteString())
                    .build();
        }
    }

    @Nested
    class Compilation {

        @Test
        void rejects_a_version_other_than_zero_with_fabrics_text() {
            SignaturePolicyEnvelope v1 =
                    PolicyDsl.parse("OR('A.peer')").toBuilder().setVersion(1).build();
            assertThatThrownBy(() -> new SignaturePolicyEvaluator(v1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("This evaluator only understands messages of version 0, but version was 1");
        }

        @Test
        void rejects_an_out_of_range_identity_index_with_fabrics_text() {
            SignaturePolicyEnvelope dangling =
                    envelope(outOf(1, signedBy(0), signedBy(1)), role("A", MSPRoleType.PEER));
            assertThatThrownBy(() -> new SignaturePolicyEvaluator(dangling))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("identity index out of range, requested 1, but identities length is 1");
        }

        @Test
        void rejects_a_missing_rule() {
            assertThatThrownBy(() -> new SignaturePolicyEvaluator(SignaturePolicyEnvelope.getDefaultInstance()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Empty policy element");
        }

        @Test
        void rejects_bytes_that_do_not_parse() {
            assertThatThrownBy(() -> SignaturePolicyEvaluator.parse(ByteString.copyFromUtf8("not a protobuf")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Error unmarshalling to SignaturePolicy");
        }

        @Test
        void describes_itself_in_the_dsl() {
            assertThat(new SignaturePolicyEvaluator(PolicyDsl.parse("or('A.peer','B.peer')")))
                    .hasToString("OR('A.peer', 'B.peer')");
        }
    }

    private static ByteString serialized(String mspId, String pem) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(pem))
                .build()
                .toByteString();
    }

    private static String pem(String base64, int lineLength, String newline) {
        StringBuilder pem = new StringBuilder("-----BEGIN CERTIFICATE-----").append(newline);
        for (int i = 0; i < base64.length(); i += lineLength) {
            pem.append(base64, i, Math.min(base64.length(), i + lineLength)).append(newline);
        }
        return pem.append("-----END CERTIFICATE-----").append(newline).toString();
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static X509Certificate selfSignedCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=peer0.org1.example.com,OU=peer,O=Org1");
        Date notBefore = new Date(1_700_000_000_000L);
        Date notAfter = new Date(1_900_000_000_000L);
        byte[] der = new JcaX509v3CertificateBuilder(
                        name, BigInteger.ONE, notBefore, notAfter, name, keyPair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()))
                .getEncoded();
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
