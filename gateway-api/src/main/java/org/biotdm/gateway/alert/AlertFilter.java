package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Which alerts a list or export returns; every part is optional and they combine with AND.
 *
 * @param ownerMsp only alerts of devices owned by this organisation
 * @param deviceId only this device's alerts
 * @param state only alerts in this state
 * @param severity only alerts of this severity
 * @param from only alerts whose {@code time} is at or after this time, epoch ms
 * @param to only alerts whose {@code time} is before this time, epoch ms
 * @param time which of the alert's times {@code from} and {@code to} bound; null for {@link Time#CREATED}
 */
public record AlertFilter(
        @Nullable String ownerMsp,
        @Nullable String deviceId,
        @Nullable AlertState state,
        @Nullable Severity severity,
        @Nullable Long from,
        @Nullable Long to,
        @Nullable Time time) {

    /**
     * The alert time a filter's range bounds: when it was raised, last changed (acknowledged, resolved, cleared), or
     * cleared because its condition ended. An alert never cleared has no clearing time and so matches no range on it.
     */
    public enum Time {
        /** When the alert was raised ({@code alerts.created_at}). */
        CREATED("created_at"),
        /** When the alert last changed ({@code alerts.updated_at}). */
        UPDATED("updated_at"),
        /** When its condition ended ({@code alerts.cleared_at}). */
        CLEARED("cleared_at");

        private final String column;

        Time(String column) {
            this.column = column;
        }

        /**
         * Returns the column of the {@code alerts} table holding this time.
         *
         * @return the column name
         */
        public String column() {
            return column;
        }

        /**
         * Parses the {@code by} query value.
         *
         * @param value {@code created}, {@code updated} or {@code cleared}, any case
         * @return the time, or empty for anything else
         */
        public static Optional<Time> parse(String value) {
            for (Time t : values()) {
                if (t.name().equalsIgnoreCase(value)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
