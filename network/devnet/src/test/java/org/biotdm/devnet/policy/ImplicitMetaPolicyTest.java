package org.biotdm.devnet.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biotdm.devnet.msp.MspIdentity;
import org.biotdm.devnet.policy.ImplicitMetaPolicy.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImplicitMetaPolicyTest {

    /** One {@code OR('OrgN.peer')} sub-policy per organisation, as the channel's Endorsement sub-policies. */
    private static List<EndorsementPolicy> endorsementPolicies(int orgs) {
        List<EndorsementPolicy> policies = new ArrayList<>();
        for (int i = 1; i <= orgs; i++) {
            policies.add(new SignaturePolicyEvaluator(PolicyDsl.parse("OR('Org" + i + "MSP.peer')")));
        }
        return policies;
    }

    private static List<MspIdentity> peers(int count) {
        List<MspIdentity> peers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            peers.add(TestIdentity.peer("Org" + i + "MSP"));
        }
        return peers;
    }

    @ParameterizedTest(name = "MAJORITY of {0} orgs needs {1}")
    @CsvSource({"1, 1", "2, 2", "3, 2", "4, 3", "5, 3"})
    void majority_needs_half_plus_one_with_integer_division(int orgs, int needed) {
        ImplicitMetaPolicy majority = new ImplicitMetaPolicy(Rule.MAJORITY, endorsementPolicies(orgs));

        assertThat(majority.threshold()).isEqualTo(needed);
        assertThat(majority.isSatisfiedBy(peers(needed))).isTrue();
        assertThat(majority.isSatisfiedBy(peers(needed - 1))).isFalse();
    }

    @Test
    void any_needs_one_and_all_needs_every_sub_policy() {
        ImplicitMetaPolicy any = new ImplicitMetaPolicy(Rule.ANY, endorsementPolicies(3));
        ImplicitMetaPolicy all = new ImplicitMetaPolicy(Rule.ALL, endorsementPolicies(3));

        assertThat(any.isSatisfiedBy(List.of(TestIdentity.peer("Org3MSP")))).isTrue();
        assertThat(any.isSatisfiedBy(List.of(TestIdentity.client("Org3MSP")))).isFalse();
        assertThat(all.isSatisfiedBy(peers(3))).isTrue();
        assertThat(all.isSatisfiedBy(peers(2))).isFalse();
    }

    @Test
    void counts_sub_policies_not_signers() {
        // Two Org1 peers satisfy only one of the three sub-policies.
        ImplicitMetaPolicy majority = new ImplicitMetaPolicy(Rule.MAJORITY, endorsementPolicies(3));
        List<MspIdentity> twoOrg1Peers =
                List.of(TestIdentity.peer("Org1MSP"), TestIdentity.of("Org1MSP", "peer", "p1"));

        assertThat(majority.isSatisfiedBy(twoOrg1Peers)).isFalse();
    }

    @Test
    void every_sub_policy_sees_all_signers() {
        EndorsementPolicy anyOrg1Member = new SignaturePolicyEvaluator(PolicyDsl.parse("OR('Org1MSP.member')"));
        ImplicitMetaPolicy all = new ImplicitMetaPolicy(Rule.ALL, List.of(anyOrg1Member, anyOrg1Member));

        assertThat(all.isSatisfiedBy(List.of(TestIdentity.peer("Org1MSP")))).isTrue();
    }

    @Test
    void zero_sub_policies_means_threshold_zero_and_always_satisfied() {
        for (Rule rule : Rule.values()) {
            ImplicitMetaPolicy empty = new ImplicitMetaPolicy(rule, List.of());
            assertThat(empty.threshold()).isZero();
            assertThat(empty.isSatisfiedBy(List.of())).isTrue();
        }
    }
}
