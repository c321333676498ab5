package org.biotdm.chaincode.audit;

import java.util.Locale;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Keys;

/**
 * Names the record kinds the audit trail and events refer to, and maps their ids to world-state keys.
 *
 * <p>Ids are the record's own id, except firmware, whose id is {@code <model>@<version>}, for example
 * {@code Org1MSP/env-sensor@1.4.0}.
 */
public enum AuditEntity {
    /** A device record, id = device id. */
    DEVICE(Keys.DEVICE),
    /** A grant record, id = grant id. */
    GRANT(Keys.GRANT),
    /** A command record, id = command id. */
    COMMAND(Keys.COMMAND),
    /** A telemetry anchor, id = window id. */
    ANCHOR(Keys.ANCHOR),
    /** A firmware record, id = {@code <model>@<version>}. */
    FIRMWARE(Keys.FIRMWARE),
    /** A firmware-signing key, id = {@code <manufacturer MSP ID>@<keyId>}. */
    FIRMWARE_KEY(Keys.FIRMWARE_SIGNING_KEY),
    /** The firmware approval policy, id = {@code policy}. */
    FIRMWARE_APPROVAL(Keys.FIRMWARE_APPROVAL),
    /** A device group, id = group id. */
    GROUP(Keys.GROUP),
    /** An automation rule, id = rule id. */
    RULE(Keys.RULE),
    /** A device's configuration record, id = device id. */
    CONFIGURATION(Keys.CONFIGURATION);

    private final String namespace;

    AuditEntity(final String namespace) {
        this.namespace = namespace;
    }

    /**
     * Returns the lower-case name used in event keys and AuditTrail arguments.
     *
     * @return such as {@code device}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Builds the public key of a record, as carried in events.
     *
     * @param id the record id
     * @return {@code <label>:<id>}
     */
    public String key(final String id) {
        return label() + ":" + id;
    }

    /**
     * Maps a record id to its world-state key.
     *
     * @param id the record id
     * @return the composite key
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when a firmware id lacks
     *     {@code @}
     */
    public String stateKey(final String id) {
        if (this == FIRMWARE || this == FIRMWARE_KEY) {
            final int at = id.lastIndexOf('@');
            if (at <= 0 || at == id.length() - 1) {
                throw Check.invalid("id", "of firmware must be <model>@<version>, of a key <MSP ID>@<keyId>");
            }
            return Keys.of(namespace, id.substring(0, at), id.substring(at + 1));
        }
        return Keys.of(namespace, Check.id("id", id));
    }

    /**
     * Finds the entity a label names.
     *
     * @param label such as {@code device}
     * @return the entity
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} for an unknown label
     */
    public static AuditEntity fromLabel(final String label) {
        for (final AuditEntity entity : values()) {
            if (entity.label().equals(label)) {
                return entity;
            }
        }
        throw Check.invalid(
                "entity", "must be one of device, grant, command, anchor, firmware, group, rule, configuration");
    }
}
