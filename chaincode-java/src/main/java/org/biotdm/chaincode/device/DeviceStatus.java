package org.biotdm.chaincode.device;

import java.util.EnumSet;
import java.util.Set;

/**
 * Names the device lifecycle states and the transitions between them:
 * {@code PROVISIONED → ACTIVE ⇄ SUSPENDED → DECOMMISSIONED}. Every other transition fails.
 */
public enum DeviceStatus {
    /** Registered, not yet in service; a claim-token device also has no key yet. */
    PROVISIONED,
    /** In service: the gateway accepts its telemetry and it may receive commands. */
    ACTIVE,
    /** Temporarily out of service: the gateway refuses it. */
    SUSPENDED,
    /** Permanently retired; the record stays for audit. */
    DECOMMISSIONED;

    /**
     * Returns the states this one may move to.
     *
     * @return the allowed targets
     */
    public Set<DeviceStatus> next() {
        switch (this) {
            case PROVISIONED:
                return EnumSet.of(ACTIVE);
            case ACTIVE:
                return EnumSet.of(SUSPENDED);
            case SUSPENDED:
                return EnumSet.of(ACTIVE, DECOMMISSIONED);
            default:
                return EnumSet.noneOf(DeviceStatus.class);
        }
    }
}
