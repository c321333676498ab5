package org.biotdm.devnet.policy;

import java.util.List;
import java.util.Objects;
import org.biotdm.devnet.msp.MspIdentity;

/**
 * A policy satisfied when enough of its sub-policies are, such as the channel's {@code MAJORITY Endorsement}; follows
 * Fabric's {@code common/policies/implicitmeta.go}. Each sub-policy sees the full set of signers: identities used by
 * one sub-policy are not withheld from the others.
 */
final class ImplicitMetaPolicy implements EndorsementPolicy {

    /** How many sub-policies must be satisfied, as {@code common.ImplicitMetaPolicy.Rule}. */
    public enum Rule {
        /** At least one sub-policy. */
        ANY,
        /** Every sub-policy. */
        ALL,
        /** More than half of the sub-policies: {@code N/2 + 1} with integer division. */
        MAJORITY;

        /**
         * Returns the number of satisfied sub-policies this rule requires.
         *
         * @param subPolicies the number of sub-policies
         * @return the threshold; 0 when there are no sub-policies, as Fabric treats that case
         */
        public int threshold(int subPolicies) {
            if (subPolicies == 0) {
                return 0;
            }
            return switch (this) {
                case ANY -> 1;
                case ALL -> subPolicies;
                case MAJORITY -> subPolicies / 2 + 1;
            };
        }
    }

    private final Rule rule;
    private final List<EndorsementPolicy> subPolicies;
    private final int threshold;

    /**
     * Creates an implicit-meta policy.
     *
     * @param rule how many sub-policies must be satisfied
     * @param subPolicies the sub-policies, typically one per application organisation
     */
    public ImplicitMetaPolicy(Rule rule, List<EndorsementPolicy> subPolicies) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.subPolicies = List.copyOf(subPolicies);
        this.threshold = rule.threshold(this.subPolicies.size());
    }

    /**
     * Returns the rule.
     *
     * @return ANY, ALL or MAJORITY
     */
    public Rule rule() {
        return rule;
    }

    /**
     * Returns the number of sub-policies that must be satisfied.
     *
     * @return the threshold, from 0 to the number of sub-policies
     */
    public int threshold() {
        return threshold;
    }

    /**
     * Returns the sub-policies.
     *
     * @return the unmodifiable sub-policies, in evaluation order
     */
    public List<EndorsementPolicy> subPolicies() {
        return subPolicies;
    }

    @Override
    public boolean isSatisfiedBy(List<MspIdentity> signers) {
        int remaining = threshold;
        for (EndorsementPolicy policy : subPolicies) {
            if (remaining == 0) {
                break;
            }
            if (policy.isSatisfiedBy(signers)) {
                remaining--;
            }
        }
        return remaining == 0;
    }

    /**
     * Describes the policy for logs, for example {@code MAJORITY of 3 [OR('Org1MSP.peer'), ...]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return rule + " of " + subPolicies.size() + " " + subPolicies;
    }
}
