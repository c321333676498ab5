package org.biotdm.chaincode.group;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import org.biotdm.chaincode.support.Check;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a group's policy: {@code {"commandTypes":[…],"firmwareChannel"?,"clusterHeadDeviceId"?,
 * "coEndorseGrantees"}}. Every command to a member device must be of one of {@code commandTypes}, whatever grant or
 * rule authorises it; {@code firmwareChannel} names the rollout channel its members follow; {@code
 * clusterHeadDeviceId}, when set, is a member device; {@code coEndorseGrantees} makes the organisations holding active
 * grants on the group endorse every later write of the group and of the rules acting on it.
 */
@DataType
public final class GroupPolicy {
    /** Most command types one policy lists. */
    public static final int MAX_COMMAND_TYPES = 32;

    @Property
    private final List<String> commandTypes;

    @Property
    private final String firmwareChannel;

    @Property
    private final String clusterHeadDeviceId;

    @Property
    private final Boolean coEndorseGrantees;

    /**
     * Creates a policy; Genson uses this constructor for requests and stored records.
     *
     * @param commandTypes the allowed command types, 1 to {@value #MAX_COMMAND_TYPES} ids
     * @param firmwareChannel the firmware channel id, or {@code null}
     * @param clusterHeadDeviceId the cluster-head device, a member, or {@code null}
     * @param coEndorseGrantees whether grant-holding organisations must co-endorse changes
     */
    public GroupPolicy(
            @JsonProperty("commandTypes") final List<String> commandTypes,
            @JsonProperty("firmwareChannel") final String firmwareChannel,
            @JsonProperty("clusterHeadDeviceId") final String clusterHeadDeviceId,
            @JsonProperty("coEndorseGrantees") final Boolean coEndorseGrantees) {
        this.commandTypes = commandTypes;
        this.firmwareChannel = firmwareChannel;
        this.clusterHeadDeviceId = clusterHeadDeviceId;
        this.coEndorseGrantees = coEndorseGrantees;
    }

    /**
     * Checks the fields and returns a normalised copy (command types sorted, no duplicates).
     *
     * @param field the request field holding the policy, for messages
     * @param policy the policy, possibly {@code null}
     * @return the normalised policy
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    static GroupPolicy validated(final String field, final GroupPolicy policy) {
        Check.required(field, policy);
        Check.required(field + ".coEndorseGrantees", policy.coEndorseGrantees);
        return new GroupPolicy(
                Check.idSet(field + ".commandTypes", policy.commandTypes, MAX_COMMAND_TYPES),
                Check.optionalId(field + ".firmwareChannel", policy.firmwareChannel),
                Check.optionalId(field + ".clusterHeadDeviceId", policy.clusterHeadDeviceId),
                policy.coEndorseGrantees);
    }

    /**
     * Returns the allowed command types, sorted.
     *
     * @return the command types
     */
    public List<String> getCommandTypes() {
        return commandTypes;
    }

    /**
     * Returns the firmware channel the members follow.
     *
     * @return the channel id, or {@code null}
     */
    public String getFirmwareChannel() {
        return firmwareChannel;
    }

    /**
     * Returns the cluster-head device.
     *
     * @return the device id, or {@code null}
     */
    public String getClusterHeadDeviceId() {
        return clusterHeadDeviceId;
    }

    /**
     * Tells whether organisations holding active grants on the group must co-endorse its changes.
     *
     * @return the flag
     */
    public Boolean getCoEndorseGrantees() {
        return coEndorseGrantees;
    }

    /**
     * Tells whether the policy allows a command type.
     *
     * @param commandType the command type
     * @return whether it is listed
     */
    public boolean allows(final String commandType) {
        return commandTypes.contains(commandType);
    }
}
