package org.biotdm.gateway.alert;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Settings of alert evaluation and the alerts API, under {@code biotdm.alerts}; the anomaly detector's under {@code
 * anomaly-*} (see {@link EwmaDetector} and the README, "Alerts and anomaly detection").
 */
@ConfigurationProperties("biotdm.alerts")
public class AlertConfiguration {
    private boolean enabled = true;
    private int queueCapacity = 1024;
    private int maxStates = 100000;
    private Duration ruleRefreshInterval = Duration.ofSeconds(30);
    private int maxPageSize = 200;
    private boolean anomalyEnabled = true;
    private String anomalySeverity = "warning";
    private double anomalyAlpha = AnomalyParameters.DEFAULT.alpha();
    private double anomalyThreshold = AnomalyParameters.DEFAULT.threshold();
    private int anomalyWarmUp = AnomalyParameters.DEFAULT.warmUp();
    private double anomalyMinStdDev = AnomalyParameters.DEFAULT.minStdDev();
    private int anomalyMaxHold = AnomalyParameters.DEFAULT.maxHold();

    /**
     * Returns whether threshold rules and the anomaly detector are evaluated on this instance.
     *
     * @return false to evaluate nothing (alerts can still be listed and changed)
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether threshold rules and the anomaly detector are evaluated on this instance ({@code enabled}).
     *
     * @param enabled false to evaluate nothing (alerts can still be listed and changed)
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns how many committed groups may wait for evaluation; a group arriving at a full queue is dropped and counted, never waited for.
     *
     * @return groups, 1 or more; 1024 by default
     */
    public int getQueueCapacity() {
        return queueCapacity;
    }

    /**
     * Sets how many committed groups may wait for evaluation; a group arriving at a full queue is dropped and counted, never waited for ({@code queue-capacity}).
     *
     * @param queueCapacity groups, 1 or more; 1024 by default
     */
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /**
     * Returns the most rule runs (rule × device) and the most anomaly detectors (device × sensor) kept in memory; least recently used are dropped first.
     *
     * @return entries per kind; 100 000 by default
     */
    public int getMaxStates() {
        return maxStates;
    }

    /**
     * Sets the most rule runs (rule × device) and the most anomaly detectors (device × sensor) kept in memory; least recently used are dropped first ({@code max-states}).
     *
     * @param maxStates entries per kind; 100 000 by default
     */
    public void setMaxStates(int maxStates) {
        this.maxStates = maxStates;
    }

    /**
     * Returns how often rules are re-read from the database, so rule changes made through another instance apply here too.
     *
     * @return 30 s by default
     */
    public Duration getRuleRefreshInterval() {
        return ruleRefreshInterval;
    }

    /**
     * Sets how often rules are re-read from the database, so rule changes made through another instance apply here too ({@code rule-refresh-interval}).
     *
     * @param ruleRefreshInterval 30 s by default
     */
    public void setRuleRefreshInterval(Duration ruleRefreshInterval) {
        this.ruleRefreshInterval = ruleRefreshInterval;
    }

    /**
     * Returns the largest page of alerts a list returns.
     *
     * @return 200 by default; the default page is 50
     */
    public int getMaxPageSize() {
        return maxPageSize;
    }

    /**
     * Sets the largest page of alerts a list returns ({@code max-page-size}).
     *
     * @param maxPageSize 200 by default; the default page is 50
     */
    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    /**
     * Returns whether the anomaly detector runs.
     *
     * @return true by default
     */
    public boolean isAnomalyEnabled() {
        return anomalyEnabled;
    }

    /**
     * Sets whether the anomaly detector runs ({@code anomaly-enabled}).
     *
     * @param anomalyEnabled true by default
     */
    public void setAnomalyEnabled(boolean anomalyEnabled) {
        this.anomalyEnabled = anomalyEnabled;
    }

    /**
     * Returns the severity of anomaly alerts.
     *
     * @return {@code info}, {@code warning} (default) or {@code critical}
     */
    public String getAnomalySeverity() {
        return anomalySeverity;
    }

    /**
     * Sets the severity of anomaly alerts ({@code anomaly-severity}).
     *
     * @param anomalySeverity {@code info}, {@code warning} (default) or {@code critical}
     */
    public void setAnomalySeverity(String anomalySeverity) {
        this.anomalySeverity = anomalySeverity;
    }

    /**
     * Returns the detector's EWMA smoothing factor.
     *
     * @return in (0, 1]; 0.01 by default
     */
    public double getAnomalyAlpha() {
        return anomalyAlpha;
    }

    /**
     * Sets the detector's EWMA smoothing factor ({@code anomaly-alpha}).
     *
     * @param anomalyAlpha in (0, 1]; 0.01 by default
     */
    public void setAnomalyAlpha(double anomalyAlpha) {
        this.anomalyAlpha = anomalyAlpha;
    }

    /**
     * Returns how many standard deviations from the mean make a reading anomalous.
     *
     * @return 6 by default
     */
    public double getAnomalyThreshold() {
        return anomalyThreshold;
    }

    /**
     * Sets how many standard deviations from the mean make a reading anomalous ({@code anomaly-threshold}).
     *
     * @param anomalyThreshold 6 by default
     */
    public void setAnomalyThreshold(double anomalyThreshold) {
        this.anomalyThreshold = anomalyThreshold;
    }

    /**
     * Returns readings a series needs before the detector judges it.
     *
     * @return 60 by default
     */
    public int getAnomalyWarmUp() {
        return anomalyWarmUp;
    }

    /**
     * Sets readings a series needs before the detector judges it ({@code anomaly-warm-up}).
     *
     * @param anomalyWarmUp 60 by default
     */
    public void setAnomalyWarmUp(int anomalyWarmUp) {
        this.anomalyWarmUp = anomalyWarmUp;
    }

    /**
     * Returns the floor of the standard deviation, in the sensor's unit.
     *
     * @return 0.5 by default
     */
    public double getAnomalyMinStdDev() {
        return anomalyMinStdDev;
    }

    /**
     * Sets the floor of the standard deviation, in the sensor's unit ({@code anomaly-min-std-dev}).
     *
     * @param anomalyMinStdDev 0.5 by default
     */
    public void setAnomalyMinStdDev(double anomalyMinStdDev) {
        this.anomalyMinStdDev = anomalyMinStdDev;
    }

    /**
     * Returns anomalous readings in a row after which the detector re-learns the series.
     *
     * @return 240 by default
     */
    public int getAnomalyMaxHold() {
        return anomalyMaxHold;
    }

    /**
     * Sets anomalous readings in a row after which the detector re-learns the series ({@code anomaly-max-hold}).
     *
     * @param anomalyMaxHold 240 by default
     */
    public void setAnomalyMaxHold(int anomalyMaxHold) {
        this.anomalyMaxHold = anomalyMaxHold;
    }

    /**
     * Returns the detector's parameters.
     *
     * @return the parameters
     * @throws IllegalArgumentException when they are out of range
     */
    public AnomalyParameters anomalyParameters() {
        return new AnomalyParameters(anomalyAlpha, anomalyThreshold, anomalyWarmUp, anomalyMinStdDev, anomalyMaxHold);
    }
}
