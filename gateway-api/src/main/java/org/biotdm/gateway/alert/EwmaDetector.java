package org.biotdm.gateway.alert;

/**
 * A streaming anomaly detector for one series (one sensor of one device): an exponentially weighted moving mean and
 * variance, and a z-score test. Not thread-safe; constant memory.
 *
 * <ol>
 *   <li>Warm-up: the first {@code warmUp} readings build a plain mean and (population) variance and are never
 *       judged.
 *   <li>Then each reading's {@code z = |x − mean| / max(sd, minStdDev)}; it is anomalous when {@code z >
 *       threshold}.
 *   <li>A normal reading updates the baseline: {@code mean += α·d}, {@code var = (1 − α)(var + α·d²)} with {@code d
 *       = x − mean}. An anomalous reading leaves it unchanged, so a sustained excursion stays anomalous instead of
 *       being learnt as normal.
 *   <li>After more than {@code maxHold} anomalous readings in a row the series is taken to have moved to a new level
 *       for good: the detector forgets it and warms up again.
 * </ol>
 */
public final class EwmaDetector {
    private final AnomalyParameters parameters;
    private int count;
    private double mean;
    private double variance;
    private int held;

    /**
     * Creates a detector with no history.
     *
     * @param parameters the parameters
     */
    public EwmaDetector(AnomalyParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Judges a reading and learns from it.
     *
     * @param x the reading's value (a non-finite value is ignored and judged normal)
     * @return true when the reading is anomalous
     */
    public boolean update(double x) {
        if (!Double.isFinite(x)) {
            return false;
        }
        if (count < parameters.warmUp()) {
            count++;
            double d = x - mean;
            mean += d / count;
            variance += (d * (x - mean) - variance) / count;
            return false;
        }
        double sd = Math.max(Math.sqrt(variance), parameters.minStdDev());
        if (Math.abs(x - mean) / sd > parameters.threshold()) {
            held++;
            if (held > parameters.maxHold()) {
                reset();
            }
            return true;
        }
        held = 0;
        double d = x - mean;
        mean += parameters.alpha() * d;
        variance = (1 - parameters.alpha()) * (variance + parameters.alpha() * d * d);
        return false;
    }

    /**
     * Tells whether the detector has finished warming up.
     *
     * @return true when it judges readings
     */
    public boolean warm() {
        return count >= parameters.warmUp();
    }

    private void reset() {
        count = 0;
        mean = 0;
        variance = 0;
        held = 0;
    }
}
