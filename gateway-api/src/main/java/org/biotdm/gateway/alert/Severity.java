package org.biotdm.gateway.alert;

import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is; written in lower case in the API ({@code info}, {@code warning}, {@code critical}). */
public enum Severity {
    /** Worth knowing. */
    INFO,
    /** Needs attention soon. */
    WARNING,
    /** Needs attention now. */
    CRITICAL;

    /**
     * Returns the API name.
     *
     * @return {@code info}, {@code warning} or {@code critical}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an API name.
     *
     * @param value the name, case-sensitive
     * @return the severity, or empty when unknown
     */
    public static Optional<Severity> parse(String value) {
        for (Severity severity : values()) {
            if (severity.value().equals(value)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
