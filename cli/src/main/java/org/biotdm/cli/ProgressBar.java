package org.biotdm.cli;

import java.io.PrintStream;

/**
 * A progress bar on standard error: on a terminal one line rewritten in place, otherwise a line every five seconds.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long QUIET_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private long lastPrinted;

    /**
     * Creates a bar.
     *
     * @param err where it is shown (standard error)
     */
    public ProgressBar(PrintStream err) {
        this.err = err;
        this.terminal = System.console() != null;
        this.lastPrinted = System.nanoTime();
    }

    /**
     * Renders a bar.
     *
     * @param fraction how much is done, clamped to 0–1
     * @param width the bar's width in characters, inside the brackets
     * @return for example {@code [#####     ]  50%}
     */
    public static String render(double fraction, int width) {
        double done = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.floor(done * width);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                + String.format(java.util.Locale.ROOT, "%3d%%", (int) Math.floor(done * 100));
    }

    /**
     * Shows the progress when it is time to.
     *
     * @param fraction how much is done
     * @param status what follows the bar, for example the counts
     */
    public void show(double fraction, String status) {
        long now = System.nanoTime();
        if (terminal) {
            err.print("\r" + render(fraction, WIDTH) + " " + status + "   ");
            err.flush();
        } else if (now - lastPrinted >= QUIET_INTERVAL_NANOS) {
            lastPrinted = now;
            err.println(render(fraction, WIDTH) + " " + status);
            err.flush();
        }
    }

    /**
     * Ends the bar with its last state.
     *
     * @param status what follows the bar
     */
    public void done(String status) {
        err.println((terminal ? "\r" : "") + render(1, WIDTH) + " " + status + "   ");
        err.flush();
    }
}
