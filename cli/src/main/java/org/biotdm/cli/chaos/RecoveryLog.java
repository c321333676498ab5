package org.biotdm.cli.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads from a gateway's log when a part of the stack was back in service after a fault: the time of the first line
 * after the fault that shows it. The gateway's plain log lines start with the local time of day ({@code HH:mm:ss.SSS},
 * Logback's {@code %d{HH:mm:ss.SSS}} in {@code logback.xml}); the date is the one nearest the fault, as a run lasts far
 * less than a day. What shows a part back, per fault:
 *
 * <ul>
 *   <li>a gateway instance killed: Micronaut's {@code Startup completed in} line in that instance's log (it serves);
 *   <li>MariaDB killed: the watchdog's {@code Embedded MariaDB listening on} line of the restarted server;
 *   <li>the dev network killed or frozen: the first {@code Ledger transaction … COMMITTED} line (a transaction committed).
 * </ul>
 */
final class RecoveryLog {
    /** Micronaut's line once the server accepts requests. */
    static final Predicate<String> GATEWAY_STARTED = line -> line.contains("Startup completed in");

    /** The embedded MariaDB's line once its server (again) accepts connections. */
    static final Predicate<String> MARIADB_STARTED = line -> line.contains("Embedded MariaDB listening on");

    /** The ledger transaction line of a committed transaction ({@code TransactionLog}). */
    static final Predicate<String> LEDGER_COMMITTED =
            line -> line.contains("Ledger transaction ") && line.contains(" COMMITTED in block");

    private static final Pattern TIME = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");

    private final List<String> lines;
    private final ZoneId zone;

    RecoveryLog(List<String> lines, ZoneId zone) {
        this.lines = List.copyOf(lines);
        this.zone = zone;
    }

    /**
     * Reads a log file as it is now.
     *
     * @param file the log, in the JVM's default time zone as the gateway writes it; a missing file reads as empty
     * @return the log
     * @throws UncheckedIOException when it cannot be read
     */
    static RecoveryLog read(Path file) {
        return new RecoveryLog(lines(file), ZoneId.systemDefault());
    }

    /**
     * Reads a log's lines byte for byte (Latin-1), so that a line torn by a SIGKILL cannot fail the read.
     *
     * @param file the log; a missing file has no lines
     * @return its lines
     * @throws UncheckedIOException when it cannot be read
     */
    static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Returns how long after a fault the first timed line that shows recovery was written.
     *
     * @param fault when the fault ended (the kill, or SIGCONT)
     * @param shows which line shows the part back in service
     * @return seconds from the fault to that line, or empty when no such line follows the fault
     */
    Optional<Double> secondsUntil(Instant fault, Predicate<String> shows) {
        for (String line : lines) {
            Optional<Instant> at = time(line, fault);
            if (at.isPresent() && !at.get().isBefore(fault) && shows.test(line)) {
                return Optional.of(Duration.between(fault, at.get()).toMillis() / 1000.0);
            }
        }
        return Optional.empty();
    }

    /** The line's time of day on the date that puts it nearest the fault. */
    private Optional<Instant> time(String line, Instant fault) {
        Matcher matcher = TIME.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        LocalTime timeOfDay;
        try {
            timeOfDay = LocalTime.parse(matcher.group(1));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        ZonedDateTime around = fault.atZone(zone);
        ZonedDateTime candidate = around.with(timeOfDay);
        if (candidate.isBefore(around.minusHours(12))) {
            candidate = candidate.plusDays(1);
        } else if (candidate.isAfter(around.plusHours(12))) {
            candidate = candidate.minusDays(1);
        }
        return Optional.of(candidate.toInstant());
    }
}
