package org.biotdm.cli.audit;

import java.time.Instant;
import org.biotdm.cli.verify.TimeArgument;
import picocli.CommandLine.Option;

/**
 * The {@code --from}/{@code --to} options of the {@code audit} commands: the windows that start in {@code [from,
 * to)}, in the forms of {@link TimeArgument}. A picocli mixin.
 */
final class TimeRangeOptions {
    @Option(
            names = "--from",
            paramLabel = "T",
            defaultValue = "1h",
            description = "Windows starting at or after: epoch ms, ISO-8601 instant, or a time ago such as 15m, 2h, 1d "
                    + "(default: ${DEFAULT-VALUE}).")
    String from = "1h";

    @Option(
            names = "--to",
            paramLabel = "T",
            defaultValue = "now",
            description = "Windows starting before, same forms (default: ${DEFAULT-VALUE}).")
    String to = "now";

    /**
     * Resolves the range.
     *
     * @return {@code [from, to)}, epoch ms
     * @throws IllegalArgumentException when a time is in none of the forms or {@code --from} is not before {@code
     *     --to}
     */
    public long[] range() {
        Instant now = Instant.now();
        Instant start = TimeArgument.parse(from, now);
        Instant end = TimeArgument.parse(to, now);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        return new long[] {start.toEpochMilli(), end.toEpochMilli()};
    }
}
