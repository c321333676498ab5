package org.biotdm.gateway.error;

import java.util.Map;
import java.util.Optional;

/**
 * Maps every error code the BIoT-DM chaincode raises ({@code org.biotdm.chaincode.support.ErrorCode} in {@code
 * chaincode-java}, sent as the {@code [CODE]} prefix of its message) to the catalogue entry a client sees, and so to
 * its HTTP status. The table is explicit: a status is never guessed from a code's suffix. A code that is not in the
 * table (a newer chaincode, a typo) becomes {@link ErrorCode#LEDGER_CHAINCODE_ERROR}. A unit test fails when the
 * chaincode's enum gains a code this table lacks.
 */
public final class ChaincodeErrors {
    private static final Map<String, ErrorCode> TABLE = Map.ofEntries(
            Map.entry("INVALID_ARGUMENT", ErrorCode.INVALID_ARGUMENT),
            Map.entry("ACCESS_DENIED", ErrorCode.ACCESS_DENIED),
            Map.entry("DEVICE_NOT_FOUND", ErrorCode.DEVICE_NOT_FOUND),
            Map.entry("DEVICE_EXISTS", ErrorCode.DEVICE_EXISTS),
            Map.entry("DEVICE_INVALID_TRANSITION", ErrorCode.DEVICE_INVALID_TRANSITION),
            Map.entry("DEVICE_DECOMMISSIONED", ErrorCode.DEVICE_DECOMMISSIONED),
            Map.entry("DEVICE_NOT_ACTIVE", ErrorCode.DEVICE_NOT_ACTIVE),
            Map.entry("DEVICE_NOT_CLAIMABLE", ErrorCode.DEVICE_NOT_CLAIMABLE),
            Map.entry("DEVICE_NOT_CLAIMED", ErrorCode.DEVICE_NOT_CLAIMED),
            Map.entry("DEVICE_KEY_REUSED", ErrorCode.DEVICE_KEY_REUSED),
            Map.entry("CLAIM_TOKEN_MISMATCH", ErrorCode.CLAIM_TOKEN_MISMATCH),
            Map.entry("CLAIM_TOKEN_SPENT", ErrorCode.CLAIM_TOKEN_SPENT),
            Map.entry("GRANT_NOT_FOUND", ErrorCode.GRANT_NOT_FOUND),
            Map.entry("GRANT_EXISTS", ErrorCode.GRANT_EXISTS),
            Map.entry("GRANT_REVOKED", ErrorCode.GRANT_REVOKED),
            Map.entry("GRANT_REQUIRED", ErrorCode.GRANT_REQUIRED),
            Map.entry("COMMAND_NOT_FOUND", ErrorCode.COMMAND_NOT_FOUND),
            Map.entry("COMMAND_EXISTS", ErrorCode.COMMAND_EXISTS),
            Map.entry("COMMAND_EXPIRED", ErrorCode.COMMAND_EXPIRED),
            Map.entry("COMMAND_INVALID_STATE", ErrorCode.COMMAND_INVALID_STATE),
            Map.entry("COMMAND_ALREADY_COMPLETED", ErrorCode.COMMAND_ALREADY_COMPLETED),
            Map.entry("COMMAND_TYPE_RESERVED", ErrorCode.COMMAND_TYPE_RESERVED),
            Map.entry("RECEIPT_SIGNATURE_INVALID", ErrorCode.RECEIPT_SIGNATURE_INVALID),
            Map.entry("ANCHOR_NOT_FOUND", ErrorCode.ANCHOR_NOT_FOUND),
            Map.entry("ANCHOR_CONFLICT", ErrorCode.ANCHOR_CONFLICT),
            Map.entry("ANCHOR_WINDOW_FOREIGN", ErrorCode.ANCHOR_WINDOW_FOREIGN),
            Map.entry("FIRMWARE_NOT_FOUND", ErrorCode.FIRMWARE_NOT_FOUND),
            Map.entry("FIRMWARE_EXISTS", ErrorCode.FIRMWARE_EXISTS),
            Map.entry("FIRMWARE_REVOKED", ErrorCode.FIRMWARE_REVOKED),
            Map.entry("FIRMWARE_DOWNGRADE", ErrorCode.FIRMWARE_DOWNGRADE),
            Map.entry("FIRMWARE_MANIFEST_INVALID", ErrorCode.FIRMWARE_MANIFEST_INVALID),
            Map.entry("FIRMWARE_UNSIGNED", ErrorCode.FIRMWARE_UNSIGNED),
            Map.entry("FIRMWARE_SIGNING_KEY_UNKNOWN", ErrorCode.FIRMWARE_SIGNING_KEY_UNKNOWN),
            Map.entry("FIRMWARE_SIGNING_KEY_REVOKED", ErrorCode.FIRMWARE_SIGNING_KEY_REVOKED),
            Map.entry("FIRMWARE_SIGNING_KEY_EXISTS", ErrorCode.FIRMWARE_SIGNING_KEY_EXISTS),
            Map.entry("FIRMWARE_SIGNING_KEY_NOT_FOUND", ErrorCode.FIRMWARE_SIGNING_KEY_NOT_FOUND),
            Map.entry("FIRMWARE_SIGNATURE_INVALID", ErrorCode.FIRMWARE_SIGNATURE_INVALID),
            Map.entry("GROUP_NOT_FOUND", ErrorCode.GROUP_NOT_FOUND),
            Map.entry("GROUP_EXISTS", ErrorCode.GROUP_EXISTS),
            Map.entry("GROUP_MEMBERSHIP_CONFLICT", ErrorCode.GROUP_MEMBERSHIP_CONFLICT),
            Map.entry("GROUP_POLICY_DENIED", ErrorCode.GROUP_POLICY_DENIED),
            Map.entry("RULE_NOT_FOUND", ErrorCode.RULE_NOT_FOUND),
            Map.entry("RULE_EXISTS", ErrorCode.RULE_EXISTS),
            Map.entry("RULE_DISABLED", ErrorCode.RULE_DISABLED),
            Map.entry("RULE_NOT_COVERING", ErrorCode.RULE_NOT_COVERING),
            Map.entry("CONFIGURATION_NOT_FOUND", ErrorCode.CONFIGURATION_NOT_FOUND),
            Map.entry("CONFIGURATION_VERSION_STALE", ErrorCode.CONFIGURATION_VERSION_STALE));

    private ChaincodeErrors() {}

    /**
     * Returns the catalogue entry for a chaincode error code.
     *
     * @param chaincodeCode the code from the chaincode's {@code [CODE]} message prefix
     * @return the mapped entry, or {@link ErrorCode#LEDGER_CHAINCODE_ERROR} for a code the table does not hold
     */
    public static ErrorCode map(String chaincodeCode) {
        return find(chaincodeCode).orElse(ErrorCode.LEDGER_CHAINCODE_ERROR);
    }

    /**
     * Looks a chaincode error code up without falling back.
     *
     * @param chaincodeCode the code from the chaincode's {@code [CODE]} message prefix
     * @return the mapped entry, or empty when the table does not hold the code
     */
    public static Optional<ErrorCode> find(String chaincodeCode) {
        return Optional.ofNullable(TABLE.get(chaincodeCode));
    }

    /**
     * Tells whether a catalogue entry is what some chaincode code maps to.
     *
     * @param code the catalogue entry
     * @return true when a chaincode error reaches clients as {@code code}
     */
    public static boolean raisedBy(ErrorCode code) {
        return TABLE.containsValue(code);
    }

    /**
     * Returns the whole table.
     *
     * @return chaincode code → catalogue entry, unmodifiable
     */
    public static Map<String, ErrorCode> table() {
        return TABLE;
    }
}
