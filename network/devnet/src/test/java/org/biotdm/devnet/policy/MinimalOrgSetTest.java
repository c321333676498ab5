package org.biotdm.devnet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biotdm.devnet.msp.MspIdentity;
import org.junit.jupiter.api.Test;

class MinimalOrgSetTest {

    private static final ChannelPolicies CHANNEL = new ChannelPolicies(List.of("Org1MSP", "Org2MSP", "Org3MSP"));
    private static final Map<String, MspIdentity> PEERS = Map.of(
            "Org1MSP", TestIdentity.peer("Org1MSP"),
            "Org2MSP", TestIdentity.peer("Org2MSP"),
            "Org3MSP", TestIdentity.peer("Org3MSP"));

    private static Optional<Set<String>> plan(String preferred, String... specs) {
        List<EndorsementPolicy> policies =
                List.of(specs).stream().map(CHANNEL::chaincodePolicy).toList();
        return ChannelPolicies.minimalOrgSet(policies, PEERS, preferred);
    }

    @Test
    void majority_of_three_picks_the_preferred_org_and_the_first_other() {
        assertThat(plan("Org2MSP", "MAJORITY Endorsement")).hasValue(Set.of("Org2MSP", "Org1MSP"));
        assertThat(plan("Org3MSP", "MAJORITY Endorsement").orElseThrow()).containsExactly("Org3MSP", "Org1MSP");
    }

    @Test
    void without_a_preference_picks_the_lexicographically_first_set() {
        assertThat(plan(null, "MAJORITY Endorsement").orElseThrow()).containsExactly("Org1MSP", "Org2MSP");
        assertThat(plan("Org9MSP", "ANY Endorsement").orElseThrow()).containsExactly("Org1MSP");
    }

    @Test
    void a_single_org_policy_picks_the_preferred_org_when_it_can_endorse() {
        assertThat(plan("Org3MSP", "ANY Endorsement").orElseThrow()).containsExactly("Org3MSP");
    }

    @Test
    void a_policy_the_preferred_org_cannot_help_with_is_met_without_it() {
        assertThat(plan("Org1MSP", "OR('Org2MSP.peer', 'Org3MSP.peer')").orElseThrow())
                .containsExactly("Org2MSP");
    }

    @Test
    void all_policies_must_hold_together() {
        // The chaincode default plus a key-level policy naming Org3.
        assertThat(plan("Org1MSP", "MAJORITY Endorsement", "AND('Org3MSP.peer')")
                        .orElseThrow())
                .containsExactly("Org1MSP", "Org3MSP");
    }

    @Test
    void prefers_a_set_with_the_preferred_org_over_a_lexicographically_earlier_one() {
        assertThat(plan("Org3MSP", "OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')")
                        .orElseThrow())
                .containsExactly("Org3MSP", "Org1MSP");
    }

    @Test
    void is_empty_when_no_set_of_orgs_satisfies_the_policies() {
        assertThat(plan("Org1MSP", "AND('Org4MSP.peer')")).isEmpty();
        assertThat(plan("Org1MSP", "AND('Org1MSP.peer', 'Org1MSP.peer')")).isEmpty();
        assertThat(plan("Org1MSP", "OR('Org1MSP.client')")).isEmpty();
    }

    @Test
    void always_chooses_at_least_one_org_even_for_an_always_satisfied_policy() {
        assertThat(ChannelPolicies.minimalOrgSet(List.of(), PEERS, "Org2MSP")).hasValue(Set.of("Org2MSP"));
    }

    @Test
    void is_empty_without_peers() {
        assertThat(ChannelPolicies.minimalOrgSet(List.of(), Map.of(), "Org1MSP"))
                .isEmpty();
    }

    @Test
    void refuses_an_exhaustive_search_over_more_than_sixteen_orgs() {
        Map<String, MspIdentity> many = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            many.put("Org" + i + "MSP", TestIdentity.peer("Org" + i + "MSP"));
        }
        assertThatThrownBy(() -> ChannelPolicies.minimalOrgSet(List.of(), many, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("17 > 16");
    }
}
