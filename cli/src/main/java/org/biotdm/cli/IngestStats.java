package org.biotdm.cli;

import java.util.Arrays;
import java.util.Locale;

/**
 * The statistics of {@code bench ingest} and {@code load}: nearest-rank percentiles of acknowledgement latencies,
 * rates and the ratio to the raw insert rate. Pure functions, no state.
 */
public final class IngestStats {
    private IngestStats() {}

    /**
     * Returns the nearest-rank percentile of samples: the smallest sample such that at least {@code percent} % of the
     * samples are less than or equal to it.
     *
     * @param samples the samples in any order (not changed)
     * @param percent the percentile, more than 0 and at most 100
     * @return the percentile, or {@code NaN} when there are no samples (no batch was acknowledged)
     * @throws IllegalArgumentException when {@code percent} is out of (0, 100]
     */
    public static double percentile(double[] samples, double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /**
     * Returns a count per second.
     *
     * @param count how many things happened
     * @param nanos in how long, ns
     * @return things per second, 0 when {@code nanos} is not positive
     */
    public static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    /**
     * Returns the ratio of two rates.
     *
     * @param numerator for example the end-to-end readings per second
     * @param denominator for example the raw insert rate of the same database
     * @return the ratio, {@code NaN} when the denominator is not positive
     */
    public static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    /**
     * Formats a figure for a {@code BENCH} line: whole numbers from 100 up, one decimal from 1 up, otherwise three
     * decimals; {@code NaN} and infinities as {@code NaN}.
     *
     * @param value the figure
     * @return its text, always with a dot as decimal separator
     */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "NaN";
        }
        if (Math.abs(value) >= 100) {
            return Long.toString(Math.round(value));
        }
        if (Math.abs(value) >= 1) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
