package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;

/**
 * The consortium's firmware approval policy, stored under {@code biotdm.firmware.approval}: which member
 * organisations approve firmware and how many of them besides the manufacturer must endorse a publication. It turns
 * into the key-level (state-based) endorsement policy of every firmware record and manufacturer guard: "a peer of the
 * manufacturer AND {@code approvals} of the other members' peers" (Fabric docs, "Endorsement policies": signature
 * policies, {@code NOutOf}). Also the argument of SetFirmwareApprovalPolicy: {@code {"members":[msp…],"approvals"}}.
 */
@DataType
public final class ApprovalPolicy {
    /** Most member organisations. */
    public static final int MAX_MEMBERS = 32;

    /** The policy in force before any is set: the manufacturer alone. */
    static final ApprovalPolicy MANUFACTURER_ONLY = new ApprovalPolicy(List.of(), 0L);

    @Property
    private final List<String> members;

    @Property
    private final Long approvals;

    /**
     * Creates a policy; Genson uses this constructor.
     *
     * @param members the member MSP IDs that may approve, distinct ids
     * @param approvals how many members other than the manufacturer must endorse, 0 to members − 1
     */
    public ApprovalPolicy(
            @JsonProperty("members") final List<String> members, @JsonProperty("approvals") final Long approvals) {
        this.members = members == null ? null : List.copyOf(members);
        this.approvals = approvals;
    }

    /**
     * Validates the policy.
     *
     * @return this policy, members sorted
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    ApprovalPolicy validate() {
        final List<String> sorted = Check.idSet("members", members, MAX_MEMBERS);
        Check.range("approvals", approvals, 0, Math.max(0, sorted.size() - 1));
        return new ApprovalPolicy(sorted, approvals);
    }

    /**
     * Returns the member MSP IDs.
     *
     * @return the sorted ids
     */
    public List<String> getMembers() {
        return members;
    }

    /**
     * Returns how many members besides the manufacturer must endorse.
     *
     * @return the number
     */
    public Long getApprovals() {
        return approvals;
    }

    /**
     * Builds the key-level endorsement policy for one manufacturer's firmware: a serialized {@code
     * SignaturePolicyEnvelope}, identical bytes on every endorser.
     *
     * @param manufacturerMsp the manufacturer's MSP ID
     * @return "peer of the manufacturer AND k of the other members' peers", k capped by how many others there are
     */
    byte[] endorsementFor(final String manufacturerMsp) {
        final List<String> others = new ArrayList<>(members);
        others.remove(manufacturerMsp);
        final int required = (int) Math.min(approvals, others.size());
        if (required == 0) {
            return OwnerEndorsement.policy(manufacturerMsp);
        }
        final SignaturePolicyEnvelope.Builder envelope =
                SignaturePolicyEnvelope.newBuilder().setVersion(0).addIdentities(peerOf(manufacturerMsp));
        final SignaturePolicy.NOutOf.Builder approvers =
                SignaturePolicy.NOutOf.newBuilder().setN(required);
        for (int i = 0; i < others.size(); i++) {
            envelope.addIdentities(peerOf(others.get(i)));
            approvers.addRules(signedBy(i + 1));
        }
        final SignaturePolicy both = SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder()
                        .setN(2)
                        .addRules(signedBy(0))
                        .addRules(SignaturePolicy.newBuilder().setNOutOf(approvers)))
                .build();
        return envelope.setRule(both).build().toByteArray();
    }

    /**
     * Builds the policy that guards the approval policy itself once set: a peer of every member.
     *
     * @return a serialized {@code SignaturePolicyEnvelope}
     */
    byte[] everyMember() {
        final StateBasedEndorsement endorsement =
                StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
        endorsement.addOrgs(StateBasedEndorsement.RoleType.RoleTypePeer, members.toArray(new String[0]));
        return endorsement.policy();
    }

    private static SignaturePolicy signedBy(final int identity) {
        return SignaturePolicy.newBuilder().setSignedBy(identity).build();
    }

    private static MSPPrincipal peerOf(final String msp) {
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder()
                        .setMspIdentifier(msp)
                        .setRole(MSPRole.MSPRoleType.PEER)
                        .build()
                        .toByteString())
                .build();
    }
}
