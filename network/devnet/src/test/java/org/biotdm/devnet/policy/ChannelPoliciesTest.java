package org.biotdm.devnet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.biotdm.devnet.msp.MspIdentity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelPoliciesTest {

    private static final TestIdentity ORG1_PEER = TestIdentity.peer("Org1MSP");
    private static final TestIdentity ORG2_PEER = TestIdentity.peer("Org2MSP");
    private static final TestIdentity ORG3_PEER = TestIdentity.peer("Org3MSP");

    private final ChannelPolicies channel = new ChannelPolicies(List.of("Org1MSP", "Org2MSP", "Org3MSP"));

    private static List<String> orgs(int count) {
        List<String> mspIds = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            mspIds.add("Org" + i + "MSP");
        }
        return mspIds;
    }

    private static List<MspIdentity> peers(int count) {
        return orgs(count).stream().<MspIdentity>map(TestIdentity::peer).toList();
    }

    @Nested
    class ChaincodePolicy {

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "  ", "MAJORITY Endorsement", "/Channel/Application/Endorsement"})
        void defaults_to_majority_endorsement(String spec) {
            EndorsementPolicy policy = channel.chaincodePolicy(spec);

            assertThat(policy.isSatisfiedBy(List.of(ORG1_PEER, ORG3_PEER))).isTrue();
            assertThat(policy.isSatisfiedBy(List.of(ORG2_PEER))).isFalse();
            assertThat(policy.isSatisfiedBy(List.of(ORG2_PEER, TestIdentity.client("Org1MSP"))))
                    .isFalse();
        }

        @ParameterizedTest(name = "{0} orgs: {1} peers suffice")
        @CsvSource({"1, 1", "2, 2", "3, 2", "4, 3"})
        void majority_endorsement_threshold_follows_the_number_of_orgs(int orgCount, int needed) {
            EndorsementPolicy policy = new ChannelPolicies(orgs(orgCount)).channelEndorsementPolicy();

            assertThat(policy.isSatisfiedBy(peers(needed))).isTrue();
            assertThat(policy.isSatisfiedBy(peers(needed - 1))).isFalse();
        }

        @Test
        void a_channel_without_application_orgs_needs_no_endorsement() {
            assertThat(new ChannelPolicies(List.of()).chaincodePolicy(null).isSatisfiedBy(List.of()))
                    .isTrue();
        }

        @Test
        void any_and_all_endorsement() {
            assertThat(channel.chaincodePolicy("ANY Endorsement").isSatisfiedBy(List.of(ORG3_PEER)))
                    .isTrue();
            assertThat(channel.chaincodePolicy("ALL Endorsement").isSatisfiedBy(List.of(ORG1_PEER, ORG2_PEER)))
                    .isFalse();
            assertThat(channel.chaincodePolicy("ALL Endorsement").isSatisfiedBy(peers(3)))
                    .isTrue();
        }

        @Test
        void a_signature_policy_spec() {
            EndorsementPolicy policy = channel.chaincodePolicy("AND('Org1MSP.peer', 'Org2MSP.peer')");

            assertThat(policy.isSatisfiedBy(List.of(ORG1_PEER, ORG2_PEER))).isTrue();
            assertThat(policy.isSatisfiedBy(List.of(ORG1_PEER, ORG3_PEER))).isFalse();
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "MAJORITY  Endorsement|expected two space separated tokens, but got 3",
                    "MAJORITY Endorsement extra|expected two space separated tokens, but got 3",
                    "ANY Auditors|unknown sub-policy Auditors",
                    "/Channel/Orderer/BlockValidation|unknown channel policy reference",
                    "OR('Org1MSP.peer'|invalid signature policy at position 17",
                })
        void rejects_malformed_specs(String spec, String message) {
            assertThatThrownBy(() -> channel.chaincodePolicy(spec))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
        }
    }

    @Nested
    class OrgPolicies {

        @Test
        void endorsement_is_or_of_the_orgs_peer() {
            assertThat(channel.orgPolicy("Org2MSP", "Endorsement")).hasToString("OR('Org2MSP.peer')");
        }

        @Test
        void writers_are_admins_and_clients() {
            EndorsementPolicy writers = channel.orgPolicy("Org1MSP", "Writers");

            assertThat(writers.isSatisfiedBy(List.of(TestIdentity.client("Org1MSP"))))
                    .isTrue();
            assertThat(writers.isSatisfiedBy(List.of(TestIdentity.admin("Org1MSP"))))
                    .isTrue();
            assertThat(writers.isSatisfiedBy(List.of(ORG1_PEER))).isFalse();
        }

        @Test
        void channel_readers_are_any_orgs_readers() {
            EndorsementPolicy readers = channel.chaincodePolicy("/Channel/Application/Readers");

            assertThat(readers.isSatisfiedBy(List.of(ORG3_PEER))).isTrue();
            assertThat(readers.isSatisfiedBy(List.of(TestIdentity.peer("Org9MSP"))))
                    .isFalse();
        }

        @Test
        void rejects_unknown_orgs_policy_names_and_duplicate_or_invalid_msp_ids() {
            assertThatThrownBy(() -> channel.orgPolicy("Org9MSP", "Endorsement"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> channel.orgPolicy("Org1MSP", "Auditors"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ChannelPolicies(List.of("Org1MSP", "Org1MSP")))
                    .hasMessage("duplicate application MSP ID Org1MSP");
            assertThatThrownBy(() -> new ChannelPolicies(List.of("Org 1")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Key-level policies as the Java shim's {@code StateBasedEndorsementImpl} writes them (brief §4.3). */
    @Nested
    class ValidationParameter {

        /** Builds the bytes as {@code StateBasedEndorsementImpl.policy()} does: sorted MSP IDs, AND of all. */
        private ByteString shimPolicy(Map<String, MSPRoleType> orgs) {
            Map<String, MSPRoleType> sorted = new TreeMap<>(orgs);
            SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder();
            SignaturePolicy.NOutOf.Builder all = SignaturePolicy.NOutOf.newBuilder();
            int index = 0;
            for (Map.Entry<String, MSPRoleType> org : sorted.entrySet()) {
                envelope.addIdentities(MSPPrincipal.newBuilder()
                        .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder()
                                .setMspIdentifier(org.getKey())
                                .setRole(org.getValue())
                                .build()
                                .toByteString()));
                all.addRules(SignaturePolicy.newBuilder().setSignedBy(index++));
            }
            all.setN(sorted.size());
            return envelope.setVersion(0)
                    .setRule(SignaturePolicy.newBuilder().setNOutOf(all))
                    .build()
                    .toByteString();
        }

        @Test
        void builds_the_same_bytes_as_the_shim_for_one_peer_org() {
            // n_out_of{n:1, rules:[signed_by:0]}, identities:[ROLE MSPRole{"Org2MSP", PEER}], version omitted.
            assertThat(HexFormat.of()
                            .formatHex(shimPolicy(Map.of("Org2MSP", MSPRoleType.PEER))
                                    .toByteArray()))
                    .isEqualTo("12081206080112020800" + "1a0d120b0a074f7267324d53501003");
        }

        @Test
        void a_key_level_policy_naming_org2_fails_without_org2() {
            EndorsementPolicy policy = channel.fromValidationParameter(shimPolicy(Map.of("Org2MSP", MSPRoleType.PEER)));

            assertThat(policy.isSatisfiedBy(List.of(ORG1_PEER, ORG3_PEER))).isFalse();
            assertThat(policy.isSatisfiedBy(List.of(ORG1_PEER, ORG2_PEER))).isTrue();
            assertThat(policy).hasToString("OR('Org2MSP.peer')");
        }

        @Test
        void a_key_level_policy_of_several_orgs_needs_all_of_them() {
            EndorsementPolicy policy = channel.fromValidationParameter(
                    shimPolicy(Map.of("Org3MSP", MSPRoleType.MEMBER, "Org1MSP", MSPRoleType.MEMBER)));

            assertThat(policy).hasToString("AND('Org1MSP.member', 'Org3MSP.member')");
            assertThat(policy.isSatisfiedBy(List.of(ORG3_PEER, TestIdentity.client("Org1MSP"))))
                    .isTrue();
            assertThat(policy.isSatisfiedBy(List.of(ORG1_PEER, ORG2_PEER))).isFalse();
        }

        @Test
        void a_key_level_policy_with_every_org_removed_is_always_satisfied_like_fabric() {
            ByteString noOrgs = shimPolicy(Map.of());

            assertThat(noOrgs.isEmpty()).isFalse();
            assertThat(channel.fromValidationParameter(noOrgs).isSatisfiedBy(List.of()))
                    .isTrue();
        }

        @Test
        void rejects_empty_unparseable_and_non_zero_version_parameters() {
            assertThatThrownBy(() -> channel.fromValidationParameter(ByteString.EMPTY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chaincode policy applies");
            assertThatThrownBy(() ->
                            channel.fromValidationParameter(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff})))
                    .isInstanceOf(IllegalArgumentException.class);
            ByteString versionOne = PolicyDsl.parse("OR('Org1MSP.peer')").toBuilder()
                    .setVersion(1)
                    .build()
                    .toByteString();
            assertThatThrownBy(() -> channel.fromValidationParameter(versionOne))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("version 0");
        }
    }
}
