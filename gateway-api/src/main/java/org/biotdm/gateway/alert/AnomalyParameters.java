package org.biotdm.gateway.alert;

/**
 * The anomaly detector's parameters ({@code biotdm.alerts.anomaly-*}); see {@link EwmaDetector}. The shipped values,
 * in {@code application.yml}, were measured on the Suthaharan labels (see the README, "Alerts and anomaly detection").
 *
 * @param alpha the EWMA smoothing factor of mean and variance, in (0, 1]; smaller adapts more slowly
 * @param threshold how many standard deviations from the mean make a reading anomalous, &gt; 0
 * @param warmUp readings a series needs (plain mean and variance) before it judges any
 * @param minStdDev the floor of the standard deviation, in the sensor's unit, so a quantised, almost constant signal
 *     does not flag its smallest step
 * @param maxHold anomalous readings in a row after which the detector accepts the new level: it forgets the series
 *     and warms up again
 */
public record AnomalyParameters(double alpha, double threshold, int warmUp, double minStdDev, int maxHold) {
    /**
     * Checks the parameters.
     *
     * @param alpha smoothing factor
     * @param threshold standard deviations
     * @param warmUp warm-up readings
     * @param minStdDev standard deviation floor
     * @param maxHold anomalous readings before re-learning
     */
    public AnomalyParameters {
        if (!(alpha > 0 && alpha <= 1) || !(threshold > 0) || warmUp < 2 || !(minStdDev >= 0) || maxHold < 1) {
            throw new IllegalArgumentException("invalid anomaly detector parameters");
        }
    }
}
