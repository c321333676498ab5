package org.biotdm.chaincode.group;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a device group record, stored as sorted JSON under {@code biotdm.group/<groupId>}: the owner
 * organisation's devices listed in {@code members} (sorted; each member's {@code group} field is this group's id),
 * its {@link GroupPolicy}, and {@code endorsingMsps}, the organisations whose peers the key-level policy set by the
 * last write requires for the next one (the owner, plus grant holders when the policy says so).
 */
@DataType
public final class Group {
    /** Most members one group lists. */
    public static final int MAX_MEMBERS = 1000;

    @Property
    private final String groupId;

    @Property
    private final String ownerMsp;

    @Property
    private final String description;

    @Property
    private final List<String> members;

    @Property
    private final GroupPolicy policy;

    @Property
    private final List<String> endorsingMsps;

    @Property
    private final long createdAt;

    @Property
    private final long updatedAt;

    @Property
    private final String updatedBy;

    @Property
    private final String updatedByMsp;

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param groupId the group id, unique on the channel
     * @param ownerMsp the owner organisation's MSP ID
     * @param description free text, or {@code null}
     * @param members the member device ids, sorted
     * @param policy the group policy
     * @param endorsingMsps the MSP IDs the group key's policy requires, sorted
     * @param createdAt when the group was created, epoch milliseconds
     * @param updatedAt when the record was last written, epoch milliseconds
     * @param updatedBy the Fabric id of the last writer
     * @param updatedByMsp the MSP ID of the last writer
     */
    public Group(
            @JsonProperty("groupId") final String groupId,
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("description") final String description,
            @JsonProperty("members") final List<String> members,
            @JsonProperty("policy") final GroupPolicy policy,
            @JsonProperty("endorsingMsps") final List<String> endorsingMsps,
            @JsonProperty("createdAt") final long createdAt,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy,
            @JsonProperty("updatedByMsp") final String updatedByMsp) {
        this.groupId = groupId;
        this.ownerMsp = ownerMsp;
        this.description = description;
        this.members = List.copyOf(members);
        this.policy = policy;
        this.endorsingMsps = List.copyOf(endorsingMsps);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.updatedByMsp = updatedByMsp;
    }

    /**
     * Returns the group's new members list, written by the caller of this transaction.
     *
     * @param tx the transaction
     * @param newMembers the members, sorted
     * @return the changed record
     */
    Group withMembers(final Tx tx, final List<String> newMembers) {
        return new Group(
                groupId,
                ownerMsp,
                description,
                newMembers,
                policy,
                endorsingMsps,
                createdAt,
                tx.nowMillis(),
                tx.caller().id(),
                tx.caller().mspId());
    }

    /**
     * Returns the group with a new policy, written by the caller of this transaction.
     *
     * @param tx the transaction
     * @param newPolicy the validated policy
     * @return the changed record
     */
    Group withPolicy(final Tx tx, final GroupPolicy newPolicy) {
        return new Group(
                groupId,
                ownerMsp,
                description,
                members,
                newPolicy,
                endorsingMsps,
                createdAt,
                tx.nowMillis(),
                tx.caller().id(),
                tx.caller().mspId());
    }

    /**
     * Returns the group with the organisations its next write needs.
     *
     * @param msps the MSP IDs, sorted
     * @return the changed record
     */
    Group withEndorsers(final List<String> msps) {
        return new Group(
                groupId, ownerMsp, description, members, policy, msps, createdAt, updatedAt, updatedBy, updatedByMsp);
    }

    /**
     * Returns the group id.
     *
     * @return the group id
     */
    public String getGroupId() {
        return groupId;
    }

    /**
     * Returns the owner organisation's MSP ID.
     *
     * @return the MSP ID
     */
    public String getOwnerMsp() {
        return ownerMsp;
    }

    /**
     * Returns the description.
     *
     * @return the text, or {@code null}
     */
    public String getDescription() {
        return description;
    }

    /**
     * Returns the member device ids, sorted.
     *
     * @return the members
     */
    public List<String> getMembers() {
        return members;
    }

    /**
     * Returns the group policy.
     *
     * @return the policy
     */
    public GroupPolicy getPolicy() {
        return policy;
    }

    /**
     * Returns the organisations whose peers must endorse the next write of the group, sorted.
     *
     * @return the MSP IDs
     */
    public List<String> getEndorsingMsps() {
        return endorsingMsps;
    }

    /**
     * Returns when the group was created, epoch milliseconds.
     *
     * @return the time
     */
    public long getCreatedAt() {
        return createdAt;
    }

    /**
     * Returns when the record was last written, epoch milliseconds.
     *
     * @return the time
     */
    public long getUpdatedAt() {
        return updatedAt;
    }

    /**
     * Returns the Fabric id of the last writer.
     *
     * @return the id
     */
    public String getUpdatedBy() {
        return updatedBy;
    }

    /**
     * Returns the MSP ID of the last writer.
     *
     * @return the MSP ID
     */
    public String getUpdatedByMsp() {
        return updatedByMsp;
    }

    /**
     * Tells whether a device is a member.
     *
     * @param deviceId the device id
     * @return whether {@code members} lists it
     */
    public boolean hasMember(final String deviceId) {
        return members.contains(deviceId);
    }
}
