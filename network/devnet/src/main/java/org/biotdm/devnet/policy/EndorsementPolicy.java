package org.biotdm.devnet.policy;

import java.util.List;
import org.biotdm.devnet.msp.MspIdentity;

/**
 * A policy that a set of signing identities either satisfies or not, such as a chaincode's endorsement policy or a
 * key-level validation parameter. Implementations are immutable and safe to share between threads.
 */
public interface EndorsementPolicy {

    /**
     * Tells whether the given signers satisfy this policy.
     *
     * <p>The signers must be identities whose signatures the caller has already verified: a Fabric peer drops
     * signatures that do not verify before it evaluates a policy ({@code common/policies/policy.go},
     * {@code SignatureSetToValidIdentities}). Repeated identities count once.
     *
     * @param signers the identities with verified signatures, in the order the signatures appear
     * @return true when the signers satisfy the policy
     */
    boolean isSatisfiedBy(List<MspIdentity> signers);
}
