package org.biotdm.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Shows a long wait on standard error: on a terminal one line rewritten in place with the elapsed seconds, otherwise
 * a line every ten seconds, so logs of scripted runs stay short.
 */
public final class Progress {
    private static final Duration QUIET_INTERVAL = Duration.ofSeconds(10);
    private static final char[] SPINNER = {'|', '/', '-', '\\'};

    private final PrintStream out;
    private final boolean terminal;
    private final String what;
    private final Instant start = Instant.now();
    private Instant lastPrinted = Instant.now();
    private int ticks;

    private Progress(PrintStream out, boolean terminal, String what) {
        this.out = out;
        this.terminal = terminal;
        this.what = what;
    }

    /**
     * Starts showing a wait.
     *
     * @param out where to show it (standard error)
     * @param what what is awaited, for example "Starting the dev network"
     * @return the progress
     */
    public static Progress start(PrintStream out, String what) {
        Progress progress = new Progress(out, System.console() != null, what);
        if (progress.terminal) {
            out.print(what + " ");
        } else {
            out.println(what + "...");
        }
        out.flush();
        return progress;
    }

    /**
     * Returns a progress that shows nothing.
     *
     * @return the silent progress
     */
    public static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), false, "");
    }

    /** Records that the wait goes on; prints when it is time to. */
    public void tick() {
        tick(null);
    }

    /**
     * Records that the wait goes on and how far it got; prints when it is time to.
     *
     * @param detail how far, for example "1,440 of 8,640 windows", or null
     */
    public void tick(String detail) {
        ticks++;
        Instant now = Instant.now();
        String far = detail == null ? "" : ", " + detail;
        if (terminal) {
            out.print(
                    "\r" + what + " " + SPINNER[ticks % SPINNER.length] + " " + elapsedSeconds() + " s" + far + "   ");
            out.flush();
        } else if (Duration.between(lastPrinted, now).compareTo(QUIET_INTERVAL) >= 0) {
            lastPrinted = now;
            out.println("  ... " + what + " (" + elapsedSeconds() + " s" + far + ")");
            out.flush();
        }
    }

    /**
     * Ends the wait with a result.
     *
     * @param result for example "ready"
     */
    public void done(String result) {
        if (terminal) {
            out.println("\r" + what + ": " + result + " (" + elapsedSeconds() + " s)   ");
        } else {
            out.println(what + ": " + result + " (" + elapsedSeconds() + " s)");
        }
        out.flush();
    }

    /**
     * Returns the seconds since the wait started.
     *
     * @return whole seconds
     */
    public long elapsedSeconds() {
        return Duration.between(start, Instant.now()).toSeconds();
    }
}
