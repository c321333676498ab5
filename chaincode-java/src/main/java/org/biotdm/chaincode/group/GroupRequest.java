package org.biotdm.chaincode.group;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the argument of the group writes: CreateGroup {@code {"groupId","description"?,"policy"}}, SetGroupPolicy
 * {@code {"groupId","policy"}}, AddGroupMember and RemoveGroupMember {@code {"groupId","deviceId"}}. Each write
 * checks the fields it needs and refuses the others.
 */
public final class GroupRequest {
    private final String groupId;
    private final String description;
    private final GroupPolicy policy;
    private final String deviceId;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param groupId the group id
     * @param description free text, or {@code null}
     * @param policy the group policy, or {@code null}
     * @param deviceId the member device, or {@code null}
     */
    public GroupRequest(
            @JsonProperty("groupId") final String groupId,
            @JsonProperty("description") final String description,
            @JsonProperty("policy") final GroupPolicy policy,
            @JsonProperty("deviceId") final String deviceId) {
        this.groupId = groupId;
        this.description = description;
        this.policy = policy;
        this.deviceId = deviceId;
    }

    /**
     * Validates a CreateGroup argument.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, also for the reserved id
     *     {@value GroupRegistry#UNGROUPED}
     */
    GroupRequest forCreate() {
        if (GroupRegistry.UNGROUPED.equals(Check.id("groupId", groupId))) {
            throw Check.invalid("groupId", "'" + GroupRegistry.UNGROUPED + "' is reserved for devices of no group");
        }
        Check.text("description", description);
        refuse("deviceId", deviceId);
        return this;
    }

    /**
     * Validates a SetGroupPolicy argument.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    GroupRequest forPolicy() {
        Check.id("groupId", groupId);
        refuse("description", description);
        refuse("deviceId", deviceId);
        return this;
    }

    /**
     * Validates an AddGroupMember or RemoveGroupMember argument.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    GroupRequest forMember() {
        Check.id("groupId", groupId);
        Check.id("deviceId", deviceId);
        refuse("description", description);
        refuse("policy", policy);
        return this;
    }

    private static void refuse(final String field, final Object value) {
        if (value != null) {
            throw Check.invalid(field, "is not an argument of this transaction");
        }
    }

    String groupId() {
        return groupId;
    }

    String description() {
        return description;
    }

    GroupPolicy policy() {
        return GroupPolicy.validated("policy", policy);
    }

    String deviceId() {
        return deviceId;
    }
}
