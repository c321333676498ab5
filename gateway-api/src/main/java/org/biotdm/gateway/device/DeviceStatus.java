package org.biotdm.gateway.device;

/** A device's lifecycle state as the chaincode records it: PROVISIONED → ACTIVE ⇄ SUSPENDED → DECOMMISSIONED. */
public enum DeviceStatus {
    /** Registered on the ledger, not yet claimed or activated; may not send telemetry. */
    PROVISIONED,
    /** May send telemetry and receive commands. */
    ACTIVE,
    /** Temporarily refused at ingress. */
    SUSPENDED,
    /** Permanently refused; the record stays for audit. */
    DECOMMISSIONED
}
