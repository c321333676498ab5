package org.biotdm.gateway.alert;

import java.util.Locale;
import java.util.Optional;

/**
 * Which devices of the rule's organisation a threshold rule watches; lower case in the API.
 */
public enum RuleScope {
    /** One device ({@code deviceId}). */
    DEVICE,
    /** Every device of one device group ({@code group}). */
    GROUP,
    /** Every device the organisation owns. */
    FLEET;

    /**
     * Returns the API name.
     *
     * @return {@code device}, {@code group} or {@code fleet}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an API name.
     *
     * @param value the name, case-sensitive
     * @return the scope, or empty when unknown
     */
    public static Optional<RuleScope> parse(String value) {
        for (RuleScope scope : values()) {
            if (scope.value().equals(value)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
