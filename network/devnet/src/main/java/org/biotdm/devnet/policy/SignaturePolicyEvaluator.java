package org.biotdm.devnet.policy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.biotdm.devnet.msp.MspIdentity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Evaluates a {@code common.SignaturePolicyEnvelope} exactly as Fabric's {@code cauthdsl} does ({@code
 * common/cauthdsl/cauthdsl.go}, {@code common/cauthdsl/policy.go}).
 *
 * <ul>
 *   <li>Signers are deduplicated first, keeping the first occurrence; Fabric keys this on MSP ID plus certificate
 *       hash, here on the serialized identity, which is the same for identities whose signatures verified over
 *       their own serialization.
 *   <li>{@code signed_by(i)} takes the first signer not yet <em>used</em> that satisfies principal {@code i} and
 *       marks it used.
 *   <li>{@code n_out_of(n, rules)} evaluates every rule (no short-circuit) against a copy of the used marks, counts
 *       the successes, keeps the marks of each successful rule, and passes when the count is at least {@code n}.
 * </ul>
 *
 * <p>Principals match as {@code satisfiesPrincipal} in {@code msp/mspimpl.go} does with NodeOUs enabled: ROLE MEMBER
 * is any identity of the MSP; PEER, CLIENT, ADMIN and ORDERER require the OU {@code peer}, {@code client}, {@code
 * admin} or {@code orderer}; IDENTITY requires the same certificate; ORGANIZATION_UNIT requires the MSP ID and OU
 * identifier but <em>ignores the certifiers identifier</em> (more permissive than Fabric, which also compares the
 * hash of the certificate chain); COMBINED requires all of its parts; ANONYMITY NOMINAL matches every X.509
 * identity. Unknown classifications, unknown roles and unparseable principals are never satisfied.
 */
final class SignaturePolicyEvaluator implements EndorsementPolicy {

    private final SignaturePolicyEnvelope envelope;
    private final Rule root;

    /**
     * Compiles a signature policy envelope.
     *
     * @param envelope the policy, version 0
     * @throws IllegalArgumentException when the version is not 0, a rule is empty, or a {@code signed_by} index is
     *     outside the identities list (Fabric's texts, from {@code cauthdsl.NewPolicy} and {@code compile})
     */
    public SignaturePolicyEvaluator(SignaturePolicyEnvelope envelope) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        if (envelope.getVersion() != 0) {
            throw new IllegalArgumentException(
                    "This evaluator only understands messages of version 0, but version was " + envelope.getVersion());
        }
        List<MSPPrincipal> identities = envelope.getIdentitiesList();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Predicate<MspIdentity>[] principals = new Predicate[identities.size()];
        for (int i = 0; i < principals.length; i++) {
            principals[i] = PrincipalMatcher.compile(identities.get(i));
        }
        this.root = compile(envelope.hasRule() ? envelope.getRule() : null, principals);
    }

    /**
     * Parses and compiles serialized {@code common.SignaturePolicyEnvelope} bytes, such as a key-level validation
     * parameter or {@code ApplicationPolicy.signature_policy}.
     *
     * @param serialized the envelope bytes
     * @return the compiled policy
     * @throws IllegalArgumentException when the bytes do not parse or the envelope does not compile
     */
    public static SignaturePolicyEvaluator parse(ByteString serialized) {
        try {
            return new SignaturePolicyEvaluator(SignaturePolicyEnvelope.parseFrom(serialized));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Error unmarshalling to SignaturePolicy: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the envelope this policy was compiled from.
     *
     * @return the signature policy envelope
     */
    public SignaturePolicyEnvelope envelope() {
        return envelope;
    }

    @Override
    public boolean isSatisfiedBy(List<MspIdentity> signers) {
        MspIdentity[] distinct = new MspIdentity[signers.size()];
        int count = 0;
        outer:
        for (MspIdentity signer : signers) {
            ByteString serialized = signer.serialized();
            for (int j = 0; j < count; j++) {
                if (distinct[j].serialized().equals(serialized)) {
                    continue outer;
                }
            }
            distinct[count++] = signer;
        }
        return root.evaluate(distinct, new boolean[count]);
    }

    /**
     * Returns the policy in the signature-policy DSL, for logs.
     *
     * @return the policy text, see {@link PolicyDsl#format(SignaturePolicyEnvelope)}
     */
    @Override
    public String toString() {
        return PolicyDsl.format(envelope);
    }

    private static Rule compile(SignaturePolicy policy, Predicate<MspIdentity>[] principals) {
        if (policy == null) {
            throw new IllegalArgumentException("Empty policy element");
        }
        switch (policy.getTypeCase()) {
            case N_OUT_OF -> {
                List<SignaturePolicy> rules = policy.getNOutOf().getRulesList();
                Rule[] compiled = new Rule[rules.size()];
                for (int i = 0; i < compiled.length; i++) {
                    compiled[i] = compile(rules.get(i), principals);
                }
                return new NOutOf(policy.getNOutOf().getN(), compiled);
            }
            case SIGNED_BY -> {
                int index = policy.getSignedBy();
                if (index < 0 || index >= principals.length) {
                    throw new IllegalArgumentException("identity index out of range, requested " + index
                            + ", but identities length is " + principals.length);
                }
                return new SignedBy(principals[index]);
            }
            default -> throw new IllegalArgumentException("Unknown type: rule has neither signed_by nor n_out_of");
        }
    }

    /** A compiled rule; {@code used} has one mark per signer and is updated in place on success. */
    private interface Rule {
        boolean evaluate(MspIdentity[] signers, boolean[] used);
    }

    private record SignedBy(Predicate<MspIdentity> principal) implements Rule {
        @Override
        public boolean evaluate(MspIdentity[] signers, boolean[] used) {
            for (int i = 0; i < used.length; i++) {
                if (!used[i] && principal.test(signers[i])) {
                    used[i] = true;
                    return true;
                }
            }
            return false;
        }
    }

    private record NOutOf(int n, Rule[] rules) implements Rule {
        @Override
        public boolean evaluate(MspIdentity[] signers, boolean[] used) {
            boolean[] scratch = new boolean[used.length];
            int verified = 0;
            // Every rule runs, even after the threshold is reached: the used marks it commits are visible to the
            // enclosing gate's later rules, exactly as in cauthdsl.
            for (Rule rule : rules) {
                System.arraycopy(used, 0, scratch, 0, used.length);
                if (rule.evaluate(signers, scratch)) {
                    verified++;
                    System.arraycopy(scratch, 0, used, 0, used.length);
                }
            }
            return verified >= n;
        }
    }
}
