package org.biotdm.gateway.alert;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Settings of alert evaluation and the alerts API, under {@code biotdm.alerts}; the anomaly detector's under {@code
 * anomaly-*} (see {@link EwmaDetector} and the README, "Alerts and anomaly detection").
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param enabled whether threshold rules and the anomaly detector are evaluated on this instance; false to evaluate
 *     nothing (alerts can still be listed and changed)
 * @param queueCapacity how many committed groups may wait for evaluation; a group arriving at a full queue is dropped
 *     and counted, never waited for; groups, 1 or more; 1024 by default
 * @param maxStates the most rule runs (rule × device) and the most anomaly detectors (device × sensor) kept in memory;
 *     least recently used are dropped first; entries per kind; 100 000 by default
 * @param ruleRefreshInterval how often rules are re-read from the database, so rule changes made through another
 *     instance apply here too; 30 s by default
 * @param maxPageSize the largest page of alerts a list returns; 200 by default; the default page is 50
 * @param anomalyEnabled whether the anomaly detector runs; true by default
 * @param anomalySeverity the severity of anomaly alerts; {@code info}, {@code warning} (default) or {@code critical}
 * @param anomalyAlpha the detector's EWMA smoothing factor; in (0, 1]; 0.01 by default
 * @param anomalyThreshold how many standard deviations from the mean make a reading anomalous, above 0; 6 by default
 * @param anomalyWarmUp readings a series needs before the detector judges it; at least 2; 60 by default
 * @param anomalyMinStdDev the floor of the standard deviation, in the sensor's unit, at least 0; 0.5 by default
 * @param anomalyMaxHold anomalous readings in a row after which the detector re-learns the series, at least 1; 240 by
 *     default
 */
@Context
@ConfigurationProperties("biotdm.alerts")
public record AlertConfiguration(
        boolean enabled,
        @Min(1) int queueCapacity,
        @Min(1) int maxStates,
        @NotNull @DurationMin(1) Duration ruleRefreshInterval,
        @Min(1) int maxPageSize,
        boolean anomalyEnabled,
        @NotBlank String anomalySeverity,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double anomalyAlpha,
        @DecimalMin(value = "0", inclusive = false) double anomalyThreshold,
        @Min(2) int anomalyWarmUp,
        @DecimalMin("0") double anomalyMinStdDev,
        @Min(1) int anomalyMaxHold) {

    /**
     * Returns the detector's parameters.
     *
     * @return the parameters
     */
    public AnomalyParameters anomalyParameters() {
        return new AnomalyParameters(anomalyAlpha, anomalyThreshold, anomalyWarmUp, anomalyMinStdDev, anomalyMaxHold);
    }
}
