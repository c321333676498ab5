package org.biotdm.devnet.policy;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.biotdm.devnet.msp.MspIdentity;

/**
 * The policies of one application channel, built as Fabric's sample {@code configtx.yaml} (test-network) defines
 * them, and the factory for chaincode and key-level endorsement policies on that channel.
 *
 * <p>Each application organisation {@code OrgX} has the signature sub-policies
 *
 * <ul>
 *   <li>{@code Readers} = {@code OR('OrgX.admin', 'OrgX.peer', 'OrgX.client')},
 *   <li>{@code Writers} = {@code OR('OrgX.admin', 'OrgX.client')},
 *   <li>{@code Admins} = {@code OR('OrgX.admin')},
 *   <li>{@code Endorsement} = {@code OR('OrgX.peer')};
 * </ul>
 *
 * <p>and the channel's application policies are implicit-meta over them: {@code /Channel/Application/Readers} = {@code
 * ANY Readers}, {@code Writers} = {@code ANY Writers}, {@code Admins} = {@code MAJORITY Admins}, {@code
 * LifecycleEndorsement} and {@code Endorsement} = {@code MAJORITY Endorsement}. The last one is every chaincode's
 * default endorsement policy.
 */
public final class ChannelPolicies {

    /** The channel policy that chaincode definitions refer to by default. */
    public static final String ENDORSEMENT_POLICY_PATH = "/Channel/Application/Endorsement";

    private static final String APPLICATION_PREFIX = "/Channel/Application/";

    private static final Map<String, String> ORG_POLICY_TEMPLATES = Map.of(
            "Readers", "OR('%1$s.admin', '%1$s.peer', '%1$s.client')",
            "Writers", "OR('%1$s.admin', '%1$s.client')",
            "Admins", "OR('%1$s.admin')",
            "Endorsement", "OR('%1$s.peer')");

    private static final Map<String, String> APPLICATION_POLICIES = Map.of(
            "Readers", "ANY Readers",
            "Writers", "ANY Writers",
            "Admins", "MAJORITY Admins",
            "LifecycleEndorsement", "MAJORITY Endorsement",
            "Endorsement", "MAJORITY Endorsement");

    private final List<String> mspIds;
    private final Map<String, Map<String, EndorsementPolicy>> orgPolicies;
    private final EndorsementPolicy channelEndorsement;

    /**
     * Builds the policies of a channel.
     *
     * @param applicationMspIds the MSP IDs of the channel's application organisations, in configuration order
     * @throws IllegalArgumentException when an MSP ID repeats or cannot appear in a signature policy (only ASCII
     *     letters, digits, {@code .} and {@code -})
     */
    public ChannelPolicies(List<String> applicationMspIds) {
        this.mspIds = List.copyOf(applicationMspIds);
        Map<String, Map<String, EndorsementPolicy>> policies = new LinkedHashMap<>();
        for (String mspId : mspIds) {
            Map<String, EndorsementPolicy> byName = new LinkedHashMap<>();
            ORG_POLICY_TEMPLATES.forEach((name, template) ->
                    byName.put(name, new SignaturePolicyEvaluator(PolicyDsl.parse(String.format(template, mspId)))));
            if (policies.put(mspId, Map.copyOf(byName)) != null) {
                throw new IllegalArgumentException("duplicate application MSP ID " + mspId);
            }
        }
        this.orgPolicies = Map.copyOf(policies);
        this.channelEndorsement = implicitMeta(ImplicitMetaPolicy.Rule.MAJORITY, "Endorsement");
    }

    /**
     * Returns the rules of one application organisation's policies in {@code configtx.yaml} notation, as this channel
     * defines them for every organisation.
     *
     * @param mspId the organisation's MSP ID
     * @return policy name ({@code Readers}, {@code Writers}, {@code Admins}, {@code Endorsement}) to its signature rule
     */
    public static Map<String, String> orgPolicyRules(String mspId) {
        Map<String, String> rules = new LinkedHashMap<>();
        ORG_POLICY_TEMPLATES.forEach((name, template) -> rules.put(name, String.format(template, mspId)));
        return Map.copyOf(rules);
    }

    /**
     * Returns the rules of the channel's {@code /Channel/Application} policies in {@code configtx.yaml} notation.
     *
     * @return policy name to its implicit meta rule, for example {@code LifecycleEndorsement} to {@code MAJORITY
     *     Endorsement}
     */
    public static Map<String, String> applicationPolicyRules() {
        return APPLICATION_POLICIES;
    }

    /**
     * Returns the application organisations' MSP IDs.
     *
     * @return the unmodifiable MSP IDs, in configuration order
     */
    public List<String> applicationMspIds() {
        return mspIds;
    }

    /**
     * Returns one organisation's sub-policy, such as {@code Org1MSP}'s {@code Endorsement} = {@code
     * OR('Org1MSP.peer')}.
     *
     * @param mspId the organisation's MSP ID
     * @param policyName {@code Readers}, {@code Writers}, {@code Admins} or {@code Endorsement}
     * @return the organisation's policy
     * @throws IllegalArgumentException when the organisation or policy name is unknown
     */
    public EndorsementPolicy orgPolicy(String mspId, String policyName) {
        Map<String, EndorsementPolicy> byName = orgPolicies.get(mspId);
        if (byName == null) {
            throw new IllegalArgumentException("unknown application MSP ID " + mspId);
        }
        EndorsementPolicy policy = byName.get(policyName);
        if (policy == null) {
            throw new IllegalArgumentException("unknown organisation policy " + policyName
                    + ", expected one of Readers, Writers, Admins, Endorsement");
        }
        return policy;
    }

    /**
     * Returns {@code /Channel/Application/Endorsement}, {@code MAJORITY Endorsement}: the default chaincode policy.
     *
     * @return the channel's endorsement policy
     */
    public EndorsementPolicy channelEndorsementPolicy() {
        return channelEndorsement;
    }

    /**
     * Builds an implicit-meta policy over the organisations' sub-policies of one name.
     *
     * @param rule ANY, ALL or MAJORITY
     * @param subPolicyName {@code Readers}, {@code Writers}, {@code Admins} or {@code Endorsement}
     * @return the policy; with no organisations it is always satisfied (threshold 0)
     * @throws IllegalArgumentException when the sub-policy name is unknown
     */
    public EndorsementPolicy implicitMeta(ImplicitMetaPolicy.Rule rule, String subPolicyName) {
        if (!ORG_POLICY_TEMPLATES.containsKey(subPolicyName)) {
            throw new IllegalArgumentException(
                    "unknown sub-policy " + subPolicyName + ", expected one of Readers, Writers, Admins, Endorsement");
        }
        return new ImplicitMetaPolicy(
                rule,
                mspIds.stream().map(mspId -> orgPolicy(mspId, subPolicyName)).toList());
    }

    /**
     * Builds a chaincode's endorsement policy from its definition.
     *
     * @param spec null or blank for the default {@code MAJORITY Endorsement}; an implicit-meta rule such as {@code
     *     MAJORITY Endorsement}, {@code ANY Endorsement} or {@code ALL Endorsement} (exactly two tokens separated by
     *     one space, as Fabric's {@code policies.ImplicitMetaFromString} requires); a channel policy reference such
     *     as {@code /Channel/Application/Endorsement}; or a signature policy such as {@code OR('Org1MSP.peer',
     *     'Org2MSP.peer')}
     * @return the policy
     * @throws IllegalArgumentException when the spec is malformed or names an unknown policy
     */
    public EndorsementPolicy chaincodePolicy(String spec) {
        if (spec == null || spec.isBlank()) {
            return channelEndorsement;
        }
        String trimmed = spec.strip();
        if (trimmed.startsWith("/")) {
            String name = trimmed.startsWith(APPLICATION_PREFIX) ? trimmed.substring(APPLICATION_PREFIX.length()) : "";
            String meta = APPLICATION_POLICIES.get(name);
            if (meta == null) {
                throw new IllegalArgumentException("unknown channel policy reference " + trimmed);
            }
            return implicitMetaFromString(meta);
        }
        String firstToken = trimmed.split(" ", 2)[0];
        if ("ANY".equals(firstToken) || "ALL".equals(firstToken) || "MAJORITY".equals(firstToken)) {
            return implicitMetaFromString(trimmed);
        }
        return new SignaturePolicyEvaluator(PolicyDsl.parse(trimmed));
    }

    /**
     * Builds a key-level (state-based) endorsement policy from a key's {@code VALIDATION_PARAMETER} metadata: a
     * serialized {@code common.SignaturePolicyEnvelope}, as the shim's {@code StateBasedEndorsementImpl} writes it
     * ({@code n_out_of(n, [signed_by(0), ..., signed_by(n-1)])} over ROLE MEMBER or PEER principals of the MSP IDs in
     * sorted order). Fabric's key-level validator ({@code core/common/validation/statebased/validator_keylevel.go})
     * evaluates such bytes with {@code cauthdsl}; when they do not compile the transaction fails with
     * ENDORSEMENT_POLICY_FAILURE, so callers should map the exception to that code.
     *
     * @param validationParameter the non-empty metadata value; an empty value means "no key-level policy" and the
     *     caller must use the chaincode policy instead
     * @return the key-level policy
     * @throws IllegalArgumentException when the value is empty, does not parse, or does not compile
     */
    public EndorsementPolicy fromValidationParameter(ByteString validationParameter) {
        Objects.requireNonNull(validationParameter, "validationParameter");
        if (validationParameter.isEmpty()) {
            throw new IllegalArgumentException("empty validation parameter: the chaincode policy applies");
        }
        return SignaturePolicyEvaluator.parse(validationParameter);
    }

    /**
     * Finds the smallest set of organisations whose peers' identities together satisfy every given policy, for the
     * gateway's endorsement plan (Fabric's {@code internal/pkg/gateway/endorsement.go} layouts, reduced to one peer
     * per organisation).
     *
     * <p>Subsets are tried by increasing size; within a size, subsets containing {@code preferredMsp} come first, and
     * ties are broken by the lexicographic order of the subsets' sorted MSP IDs, so the answer is deterministic. At
     * least one organisation is always chosen, because a proposal needs one endorsement to carry a result. The search
     * is exhaustive (2<sup>N</sup> subsets) and accepts at most 16 organisations.
     *
     * @param policies the policies to satisfy, for example the chaincode policy and the key-level policies of the
     *     keys the transaction writes
     * @param peerIdentityByMsp each organisation's endorsing peer identity, by MSP ID
     * @param preferredMsp the gateway's own organisation, or null for no preference
     * @return the MSP IDs, {@code preferredMsp} first when chosen and then in sorted order; empty when even all
     *     organisations together cannot satisfy the policies
     * @throws IllegalArgumentException when there are more than 16 organisations
     */
    public static Optional<Set<String>> minimalOrgSet(
            List<EndorsementPolicy> policies, Map<String, MspIdentity> peerIdentityByMsp, String preferredMsp) {
        return EndorsementPlanner.minimalOrgSet(policies, peerIdentityByMsp, preferredMsp);
    }

    private EndorsementPolicy implicitMetaFromString(String input) {
        String[] tokens = input.split(" ", -1);
        if (tokens.length != 2) {
            throw new IllegalArgumentException(
                    "expected two space separated tokens, but got " + tokens.length + " in \"" + input + "\"");
        }
        ImplicitMetaPolicy.Rule rule = ImplicitMetaPolicy.Rule.valueOf(tokens[0]);
        if (rule == ImplicitMetaPolicy.Rule.MAJORITY && "Endorsement".equals(tokens[1])) {
            return channelEndorsement;
        }
        return implicitMeta(rule, tokens[1]);
    }
}
