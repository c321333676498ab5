package org.biotdm.chaincode.support;

import java.util.List;
import java.util.Locale;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * Holds every world-state key namespace of the chaincode, so no call site concatenates keys.
 *
 * <p>Records live under composite keys ({@code \u0000namespace\u0000attr…\u0000}); index entries are composite keys
 * too, valued {@link #INDEX_VALUE}, except the telemetry time index, which is a simple key because Fabric only
 * paginates a <em>range</em> over simple keys. Times in index keys are zero-padded to {@value #TIME_DIGITS} digits
 * so that byte order is time order.
 */
public final class Keys {
    /** Device record by device id. */
    public static final String DEVICE = "biotdm.device";
    /** Device index by owner MSP: {@code [ownerMsp, deviceId]}. */
    public static final String DEVICE_BY_OWNER = "biotdm.device.owner";
    /** Device index by status: {@code [status, ownerMsp, deviceId]}. */
    public static final String DEVICE_BY_STATUS = "biotdm.device.status";
    /** Device index by group: {@code [ownerMsp, group, deviceId]}. */
    public static final String DEVICE_BY_GROUP = "biotdm.device.group";
    /**
     * Guard of a device, by device id: a key under the owner organisation's key-level endorsement policy from the
     * device's registration on, written by every transaction that writes a grant on the device or a command to it,
     * so the owner must endorse those too (a new key alone would only need the chaincode policy).
     */
    public static final String DEVICE_GUARD = "biotdm.device.guard";
    /**
     * Guard of an organisation, by MSP ID: a key under that organisation's key-level endorsement policy, written by
     * every transaction that writes a grant on one of its device groups ({@link OrganisationGuard}).
     */
    public static final String ORG_GUARD = "biotdm.org.guard";
    /** Grant record by grant id. */
    public static final String GRANT = "biotdm.grant";
    /** Active grant index by target: {@code [ownerMsp, "device"|"group", deviceId|group, grantId]}. */
    public static final String GRANT_BY_TARGET = "biotdm.grant.target";
    /** Command record by command id. */
    public static final String COMMAND = "biotdm.command";
    /** Command index by device in issue order: {@code [deviceId, issuedAt, commandId]}. */
    public static final String COMMAND_BY_DEVICE = "biotdm.command.device";
    /** Telemetry anchor record by window id. */
    public static final String ANCHOR = "biotdm.anchor";
    /** Prefix of the simple-key anchor index: {@code biotdm.anchor.time/<startTime>/<windowId>}. */
    public static final String ANCHOR_BY_TIME = "biotdm.anchor.time/";
    /** Firmware record by model and version: {@code [model, version]}. */
    public static final String FIRMWARE = "biotdm.firmware";
    /** Firmware-signing key record by manufacturer and key ID: {@code [manufacturerMsp, keyId]}. */
    public static final String FIRMWARE_SIGNING_KEY = "biotdm.firmware.key";
    /**
     * Firmware guard of a manufacturer, by MSP ID: a key under the firmware approval policy (the manufacturer's peer
     * and the configured number of other members' peers), rewritten by every PublishFirmware of that manufacturer, so
     * that publishing needs the consortium's endorsement and not only the chaincode policy.
     */
    public static final String FIRMWARE_GUARD = "biotdm.firmware.guard";
    /** The consortium's firmware approval policy: {@code [APPROVAL_POLICY_ID]}. */
    public static final String FIRMWARE_APPROVAL = "biotdm.firmware.approval";

    /** Device group record by group id, unique on the channel. */
    public static final String GROUP = "biotdm.group";
    /** Device group index by owner: {@code [ownerMsp, groupId]}. */
    public static final String GROUP_BY_OWNER = "biotdm.group.owner";
    /** Automation rule record by rule id. */
    public static final String RULE = "biotdm.rule";
    /** Automation rule index by owner: {@code [ownerMsp, ruleId]}. */
    public static final String RULE_BY_OWNER = "biotdm.rule.owner";
    /** Configuration record of a device (desired and reported), by device id. */
    public static final String CONFIGURATION = "biotdm.configuration";
    /**
     * Configuration command index by command id: which device and desired version a {@code configuration} command
     * carries, so a report names the version it applied.
     */
    public static final String CONFIGURATION_BY_COMMAND = "biotdm.configuration.command";

    /** The one id under {@link #FIRMWARE_APPROVAL}. */
    public static final String APPROVAL_POLICY_ID = "policy";

    /** Target kind of a grant index entry that names one device. */
    public static final String TARGET_DEVICE = "device";
    /** Target kind of a grant index entry that names a device group. */
    public static final String TARGET_GROUP = "group";

    /** Width of zero-padded times in index keys (epoch milliseconds). */
    public static final int TIME_DIGITS = 15;

    private static final byte[] INDEX_BYTES = {0};

    private Keys() {}

    /**
     * Returns the value stored under index keys; Fabric treats an empty value as a delete, hence one zero byte.
     *
     * @return a fresh one-byte array
     */
    public static byte[] indexValue() {
        return INDEX_BYTES.clone();
    }

    /**
     * Builds a composite key.
     *
     * @param namespace one of the namespace constants
     * @param attributes the key attributes
     * @return the key text
     */
    public static String of(final String namespace, final String... attributes) {
        return new CompositeKey(namespace, attributes).toString();
    }

    /**
     * Builds a partial composite key for prefix queries.
     *
     * @param namespace one of the namespace constants
     * @param attributes the leading attributes
     * @return the partial key
     */
    public static CompositeKey prefix(final String namespace, final String... attributes) {
        return new CompositeKey(namespace, attributes);
    }

    /**
     * Formats a time for an index key.
     *
     * @param epochMillis epoch milliseconds, non-negative
     * @return the time zero-padded to {@value #TIME_DIGITS} digits
     */
    public static String time(final long epochMillis) {
        return String.format(Locale.ROOT, "%0" + TIME_DIGITS + "d", epochMillis);
    }

    /**
     * Builds the anchor time-index key.
     *
     * @param startTime the window start, epoch milliseconds
     * @param windowId the window id
     * @return the simple key
     */
    public static String anchorByTime(final long startTime, final String windowId) {
        return ANCHOR_BY_TIME + time(startTime) + "/" + windowId;
    }

    /**
     * Returns the last attribute of a composite key, which the indexes use for the record id.
     *
     * @param compositeKey the key text
     * @return its last attribute
     */
    public static String lastAttribute(final String compositeKey) {
        final List<String> attributes =
                CompositeKey.parseCompositeKey(compositeKey).getAttributes();
        return attributes.get(attributes.size() - 1);
    }
}
