package org.biotdm.gateway.users;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a person can hold in the BIoT-DM API. Each is also the value of the Fabric CA attribute {@code
 * biotdm.role} in the certificate of the person's Fabric identity, so the chaincode enforces the same role (see
 * chaincode-java/README.md, "Roles").
 */
public enum ApiRole {
    /** Administers the devices, grants and users of their organisation. */
    ADMIN,
    /** Issues commands to the devices their organisation's admins granted them. */
    OPERATOR,
    /** Reads registry, telemetry, alerts and the audit trail; never writes. */
    AUDITOR;

    /** The role names as Micronaut Security roles, for {@code @Secured}. */
    public static final class Names {
        /** {@code admin}. */
        public static final String ADMIN = "admin";
        /** {@code operator}. */
        public static final String OPERATOR = "operator";
        /** {@code auditor}. */
        public static final String AUDITOR = "auditor";

        private Names() {}
    }

    /**
     * Returns the role's name as used in JWTs, {@code @Secured} and the {@code biotdm.role} attribute.
     *
     * @return {@code admin}, {@code operator} or {@code auditor}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a role name, exactly as {@link #value()} writes it.
     *
     * @param value the name, for example {@code operator}
     * @return the role, or empty when the name is no role (names are case-sensitive)
     */
    public static Optional<ApiRole> parse(String value) {
        for (ApiRole role : values()) {
            if (role.value().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
