package org.biotdm.cli.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a point in time given on the command line: epoch milliseconds ({@code 1700000000000}), an ISO-8601 instant
 * ({@code 2026-01-01T00:00:00Z}), {@code now}, or a time ago ({@code 15m}, {@code 2h}, {@code 1d}, {@code 30s}; a
 * leading {@code -} is allowed).
 */
public final class TimeArgument {
    private static final Pattern AGO = Pattern.compile("-?(\\d{1,9})([smhd])");

    private TimeArgument() {}

    /**
     * Parses a time.
     *
     * @param text the argument
     * @param now the current time, for {@code now} and times ago
     * @return the time
     * @throws IllegalArgumentException when the text is none of the forms
     */
    public static Instant parse(String text, Instant now) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if ("now".equals(value)) {
            return now;
        }
        if (value.matches("\\d{1,19}")) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration duration =
                    switch (ago.group(2)) {
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
            return now.minus(duration);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: use epoch milliseconds, an ISO-8601"
                    + " instant such as 2026-01-01T00:00:00Z, 'now', or a time ago such as 15m, 2h, 1d");
        }
    }
}
