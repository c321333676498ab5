package org.biotdm.gateway.query;

import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Pattern;
import org.biotdm.gateway.error.ApiException;

/**
 * Parses the query parameters the read and export APIs share (times, page sizes, cursors), refusing bad input with
 * 400 {@code INVALID_ARGUMENT} naming the parameter rather than letting it reach SQL.
 */
public final class QueryParameters {
    private static final long MAX_EPOCH_MS = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z
    private static final Pattern EPOCH_MS = Pattern.compile("[0-9]{1,15}");
    /** An offset whose {@code +} a URL left unencoded arrives as a space: {@code ...T01:00:00 01:00}. */
    private static final Pattern DECODED_PLUS_OFFSET = Pattern.compile("(T[0-9:.]+) ([0-9]{2}:?[0-9]{2})$");

    private static final String TIME_FORMS = " must be epoch milliseconds or ISO-8601 with a zone or offset, such as"
            + " 2024-01-01T00:00:00Z or 2024-01-01T01:00:00%2B01:00 (+ written %2B in a URL)";

    private QueryParameters() {}

    /**
     * Parses a time.
     *
     * @param name the parameter's name, for the message
     * @param value epoch milliseconds ({@code 1700000000000}), an ISO-8601 instant ({@code 2024-01-01T00:00:00Z}) or
     *     ISO-8601 date-time with offset ({@code 2024-01-01T01:00:00+01:00}; a {@code +} that arrived as a space
     *     because the URL did not encode it is read as {@code +}), or null/blank
     * @param fallback returned when the parameter is absent
     * @return epoch milliseconds
     * @throws ApiException 400 {@code INVALID_ARGUMENT} naming the parameter when the text is neither form or out of range
     */
    public static long time(String name, @Nullable String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long millis;
        String text = DECODED_PLUS_OFFSET.matcher(value.trim()).replaceFirst("$1+$2");
        try {
            if (EPOCH_MS.matcher(text).matches()) {
                millis = Long.parseLong(text);
            } else if (text.endsWith("Z") || text.endsWith("z")) {
                millis = Instant.parse(text.toUpperCase(Locale.ROOT)).toEpochMilli();
            } else {
                millis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw ApiException.invalid(name, name + TIME_FORMS);
        }
        if (millis < 0 || millis > MAX_EPOCH_MS) {
            throw ApiException.invalid(name, name + " is out of range");
        }
        return millis;
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
