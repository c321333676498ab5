package org.biotdm.chaincode.support;

import java.util.Optional;

/**
 * Names the BIoT-DM roles carried in the {@code biotdm.role} attribute of a Fabric CA certificate (extension OID
 * {@code 1.2.3.4.5.6.7.8.1}).
 */
public enum Role {
    /** Onboards and offboards devices, grants access, publishes firmware. */
    ADMIN("admin"),
    /** Issues commands to devices it holds a grant for. */
    OPERATOR("operator"),
    /** Reads everything, writes nothing. */
    AUDITOR("auditor"),
    /** The gateway service: claims devices, records delivery and completion, anchors telemetry. */
    GATEWAY("gateway"),
    /**
     * The gateway's automation identity: issues only the commands an enabled automation rule of its own organisation
     * authorises ({@code org.biotdm.chaincode.automation}), nothing else.
     */
    AUTOMATION("automation");

    /** Name of the certificate attribute holding the role. */
    public static final String ATTRIBUTE = "biotdm.role";

    private final String attributeValue;

    Role(final String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /**
     * Returns the attribute value naming this role.
     *
     * @return the lower-case value, such as {@code admin}
     */
    public String attributeValue() {
        return attributeValue;
    }

    /**
     * Finds the role an attribute value names; values are matched exactly, so {@code Admin} is no role.
     *
     * @param value the attribute value, possibly {@code null}
     * @return the role, or empty when the value names none
     */
    public static Optional<Role> fromAttribute(final String value) {
        for (final Role role : values()) {
            if (role.attributeValue.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
