package org.biotdm.chaincode.support;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Lists every error code the chaincode raises. The code travels both in the message text, as {@code [CODE] text},
 * because Fabric's gateway passes only the message to clients, and as the UTF-8 payload of the
 * {@link ChaincodeException}.
 */
public enum ErrorCode {
    /** The argument is malformed, oversize, has missing or unknown fields, or breaks a documented limit. */
    INVALID_ARGUMENT,
    /** The caller's MSP or {@code biotdm.role} attribute does not allow the transaction. */
    ACCESS_DENIED,
    /** No device has the given id. */
    DEVICE_NOT_FOUND,
    /** A device with the given id is already registered. */
    DEVICE_EXISTS,
    /** The lifecycle does not allow the requested status change. */
    DEVICE_INVALID_TRANSITION,
    /** The device is decommissioned and its record is kept for audit only. */
    DEVICE_DECOMMISSIONED,
    /** The device must be {@code ACTIVE} for this transaction. */
    DEVICE_NOT_ACTIVE,
    /** The device was registered with its key, not with a claim token. */
    DEVICE_NOT_CLAIMABLE,
    /** The device has no key yet: it must be claimed before it can be activated. */
    DEVICE_NOT_CLAIMED,
    /** The new device key fingerprint is the current one or was used by this device before. */
    DEVICE_KEY_REUSED,
    /** The claim token does not hash to the registered claim token hash. */
    CLAIM_TOKEN_MISMATCH,
    /** The device's claim token was already spent. */
    CLAIM_TOKEN_SPENT,
    /** No grant has the given id. */
    GRANT_NOT_FOUND,
    /** A grant with the given id already exists. */
    GRANT_EXISTS,
    /** The grant was already revoked. */
    GRANT_REVOKED,
    /** No active, unexpired grant covers the caller, the device and the command type. */
    GRANT_REQUIRED,
    /** No command has the given id. */
    COMMAND_NOT_FOUND,
    /** A command with the given id already exists. */
    COMMAND_EXISTS,
    /** The command's expiry has passed. */
    COMMAND_EXPIRED,
    /** The command is not in a status that allows the transaction. */
    COMMAND_INVALID_STATE,
    /** The command was already completed. */
    COMMAND_ALREADY_COMPLETED,
    /**
     * The command type is reserved for a transaction of its own ({@code configuration}: SetDesiredConfiguration and
     * ReportConfiguration), so IssueCommand and CompleteCommand refuse it.
     */
    COMMAND_TYPE_RESERVED,
    /** The receipt signature does not verify against the registered device key. */
    RECEIPT_SIGNATURE_INVALID,
    /** No telemetry anchor has the given window id. */
    ANCHOR_NOT_FOUND,
    /** A different anchor is already recorded for the window id. */
    ANCHOR_CONFLICT,
    /**
     * The window id does not start with the caller's MSP ID and {@code -}: an organisation anchors only its own
     * gateways' windows.
     */
    ANCHOR_WINDOW_FOREIGN,
    /** No firmware is published under the given model and version. */
    FIRMWARE_NOT_FOUND,
    /** The firmware version is already published for the model. */
    FIRMWARE_EXISTS,
    /** The firmware version is revoked. */
    FIRMWARE_REVOKED,
    /** The firmware's sequence number is not higher than that of the firmware the device runs. */
    FIRMWARE_DOWNGRADE,
    /** A manifest member is missing, of the wrong JSON type or outside its rule (protocol/firmware-manifest-v1.md step 1). */
    FIRMWARE_MANIFEST_INVALID,
    /** The manifest has no signature (step 2). */
    FIRMWARE_UNSIGNED,
    /** The manifest's keyId names no firmware-signing key registered for the model's manufacturer (step 3). */
    FIRMWARE_SIGNING_KEY_UNKNOWN,
    /** The firmware-signing key was revoked by its manufacturer. */
    FIRMWARE_SIGNING_KEY_REVOKED,
    /** The firmware-signing key is already registered. */
    FIRMWARE_SIGNING_KEY_EXISTS,
    /** The manifest signature does not verify with the key its keyId names (step 4). */
    FIRMWARE_SIGNATURE_INVALID,
    /** No firmware-signing key with the given ID is registered for the manufacturer. */
    FIRMWARE_SIGNING_KEY_NOT_FOUND,
    /** The owner organisation has no device group object with the given id. */
    GROUP_NOT_FOUND,
    /** The owner organisation already has a device group with the given id. */
    GROUP_EXISTS,
    /**
     * The membership change does not fit: the device is already a member (of this or another group), is not a member
     * it could be removed as, or belongs to another organisation.
     */
    GROUP_MEMBERSHIP_CONFLICT,
    /** The policy of the device's group does not allow the command type. */
    GROUP_POLICY_DENIED,
    /** No automation rule has the given id. */
    RULE_NOT_FOUND,
    /** An automation rule with the given id already exists. */
    RULE_EXISTS,
    /** The automation rule is disabled. */
    RULE_DISABLED,
    /** The automation rule does not cover the device, the command type or the parameters. */
    RULE_NOT_COVERING,
    /** No configuration was ever set for the device. */
    CONFIGURATION_NOT_FOUND,
    /**
     * The version is not the next desired version, or a report names a version older than one already reported.
     */
    CONFIGURATION_VERSION_STALE;

    /**
     * Creates the exception carrying this code in its message text and payload.
     *
     * @param message human-readable explanation, without the code prefix
     * @return a {@link ChaincodeException} whose message is {@code [CODE] message} and whose payload is the code
     */
    public ChaincodeException error(final String message) {
        return new ChaincodeException("[" + name() + "] " + message, name());
    }
}
