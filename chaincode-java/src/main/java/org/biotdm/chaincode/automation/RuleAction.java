package org.biotdm.chaincode.automation;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Hashes;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a rule's action: {@code {"commandType","parameters","deviceId"?|"groupId"?}}, where {@code parameters} is the
 * command's parameters as canonical JSON text (protocol/json-v1.md, at most {@value #MAX_PARAMETERS_CHARS}
 * characters) and the record adds {@code parametersSha256}, the SHA-256 of its UTF-8 bytes, lower-case hex: a command
 * the rule authorises must carry exactly that hash.
 */
@DataType
public final class RuleAction {
    /** Longest parameters text. */
    public static final int MAX_PARAMETERS_CHARS = 1024;

    @Property
    private final String commandType;

    @Property
    private final String parameters;

    @Property
    private final String parametersSha256;

    @Property
    private final String deviceId;

    @Property
    private final String groupId;

    /**
     * Creates an action; Genson uses this constructor for requests and stored records.
     *
     * @param commandType the command type
     * @param parameters the canonical JSON parameters text
     * @param parametersSha256 the SHA-256 of the parameters (records only; requests leave it out)
     * @param deviceId the target device, or {@code null}
     * @param groupId the target group, or {@code null}
     */
    public RuleAction(
            @JsonProperty("commandType") final String commandType,
            @JsonProperty("parameters") final String parameters,
            @JsonProperty("parametersSha256") final String parametersSha256,
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("groupId") final String groupId) {
        this.commandType = commandType;
        this.parameters = parameters;
        this.parametersSha256 = parametersSha256;
        this.deviceId = deviceId;
        this.groupId = groupId;
    }

    /**
     * Checks a requested action and returns the record with its parameters hash.
     *
     * @param action the requested action, possibly {@code null}
     * @return the action to store
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    static RuleAction validated(final RuleAction action) {
        Check.required("action", action);
        Check.id("action.commandType", action.commandType);
        RuleTarget.check("action", action.deviceId, action.groupId);
        Check.required("action.parameters", action.parameters);
        if (action.parametersSha256 != null) {
            throw Check.invalid("action.parametersSha256", "is computed by the chaincode");
        }
        final String text = action.parameters;
        if (text.length() > MAX_PARAMETERS_CHARS || !text.startsWith("{") || !text.endsWith("}")) {
            throw Check.invalid(
                    "action.parameters",
                    "must be a JSON object's canonical text of at most " + MAX_PARAMETERS_CHARS + " characters");
        }
        return new RuleAction(
                action.commandType, text, Hashes.sha256Hex(text.getBytes(UTF_8)), action.deviceId, action.groupId);
    }

    /**
     * Returns the command type.
     *
     * @return the command type
     */
    public String getCommandType() {
        return commandType;
    }

    /**
     * Returns the parameters' canonical JSON text.
     *
     * @return the text
     */
    public String getParameters() {
        return parameters;
    }

    /**
     * Returns the SHA-256 of the parameters text, lower-case hex.
     *
     * @return the hash
     */
    public String getParametersSha256() {
        return parametersSha256;
    }

    /**
     * Returns the target device.
     *
     * @return the device id, or {@code null} when a group is the target
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the target group.
     *
     * @return the group id, or {@code null} when a device is the target
     */
    public String getGroupId() {
        return groupId;
    }
}
