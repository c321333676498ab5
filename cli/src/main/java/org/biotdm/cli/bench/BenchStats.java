package org.biotdm.cli.bench;

import java.util.Arrays;
import java.util.Locale;

/** Statistics of benchmark samples: nearest-rank percentiles, medians and rates, formatted for BENCH lines. */
public final class BenchStats {
    private BenchStats() {}

    /**
     * Returns the nearest-rank percentile of the samples: the smallest sample that at least {@code p} percent of the
     * samples do not exceed (for 100 samples, p99 is the 99th smallest).
     *
     * @param samples the samples, in any order; not changed
     * @param p the percentile, more than 0 and at most 100
     * @return the percentile
     * @throws IllegalArgumentException when there are no samples or {@code p} is out of range
     */
    public static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
    }

    /**
     * Returns the median: the middle sample, or the mean of the two middle ones for an even count.
     *
     * @param samples the samples, in any order; not changed
     * @return the median
     * @throws IllegalArgumentException when there are no samples
     */
    public static double median(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Returns a rate per second.
     *
     * @param count what was done, for example readings verified
     * @param nanos how long it took, nanoseconds
     * @return count per second
     * @throws IllegalArgumentException when {@code nanos} is not positive
     */
    public static double perSecond(long count, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("elapsed time must be positive, was " + nanos + " ns");
        }
        return count * 1e9 / nanos;
    }

    /**
     * Converts nanoseconds to milliseconds.
     *
     * @param nanos nanoseconds
     * @return milliseconds
     */
    public static double millis(long nanos) {
        return nanos / 1e6;
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
     * Formats a figure for a BENCH line: whole numbers from 100 on, one decimal from 1 on, otherwise three decimals;
     * {@code NaN} and infinities as {@code NaN}; always with a dot.
     *
     * @param value the figure
     * @return the text, for example {@code 0.312}, {@code 12.3} or {@code 4513}
     */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "NaN";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1 ? "%.1f" : "%.3f", value);
    }
}
