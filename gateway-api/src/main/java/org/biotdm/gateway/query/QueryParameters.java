package org.biotdm.gateway.query;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.biotdm.gateway.error.ApiException;

/**
 * Parses the query parameters the read and export APIs share (times, page sizes, cursors), refusing bad input with
 * 400 {@code INVALID_ARGUMENT} naming the parameter rather than letting it reach SQL.
 */
public final class QueryParameters {
    private static final long MAX_EPOCH_MS = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z

    private QueryParameters() {}

    /**
     * Parses a time.
     *
     * @param name the parameter's name, for the message
     * @param value epoch milliseconds ({@code 1700000000000}) or ISO-8601 UTC ({@code 2024-01-01T00:00:00Z}), or
     *     null/blank
     * @param fallback returned when the parameter is absent
     * @return epoch milliseconds
     * @throws ApiException 400 {@code INVALID_ARGUMENT} naming the parameter when the text is neither form or out of range
     */
    public static long time(String name, @Nullable String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long millis;
        try {
            millis = value.chars().allMatch(Character::isDigit) && value.length() <= 15
                    ? Long.parseLong(value)
                    : Instant.parse(value).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw ApiException.invalid(
                    name, name + " must be epoch milliseconds or ISO-8601 such as 2024-01-01T00:00:00Z");
        }
        if (millis < 0 || millis > MAX_EPOCH_MS) {
            throw ApiException.invalid(name, name + " is out of range");
        }
        return millis;
    }

    /**
     * Parses a page size.
     *
     * @param value the parameter, or null/blank
     * @param fallback returned when absent
     * @param max the largest allowed
     * @return the size, 1 to {@code max}
     * @throws ApiException 400 {@code INVALID_ARGUMENT} naming the parameter when not an integer in range
     */
    public static int limit(@Nullable String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below like any other out-of-range value.
        }
        throw ApiException.invalid("limit", "limit must be an integer from 1 to " + max);
    }

    /**
     * Parses a numeric cursor.
     *
     * @param value the parameter, or null/blank
     * @return the cursor, or null when absent
     * @throws ApiException 400 {@code INVALID_ARGUMENT} naming the parameter when not a non-negative integer
     */
    public static Long cursor(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long cursor = Long.parseLong(value);
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw ApiException.invalid("cursor", "cursor is not one this API returned");
    }
}
