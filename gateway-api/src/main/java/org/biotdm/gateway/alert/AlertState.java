package org.biotdm.gateway.alert;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an alert is in its life: {@code OPEN} → {@code ACKNOWLEDGED} → {@code RESOLVED}, or {@code OPEN} → {@code
 * RESOLVED}. Written in lower case in the API. Whether the alert's condition still holds is separate ({@code
 * clearedAt}).
 */
public enum AlertState {
    /** Raised, nobody has looked at it yet. */
    OPEN,
    /** A person has seen it. */
    ACKNOWLEDGED,
    /** A person has closed it. */
    RESOLVED;

    /**
     * Returns the API name.
     *
     * @return {@code open}, {@code acknowledged} or {@code resolved}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an API name.
     *
     * @param value the name, case-sensitive
     * @return the state, or empty when unknown
     */
    public static Optional<AlertState> parse(String value) {
        for (AlertState state : values()) {
            if (state.value().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
