package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import org.biotdm.gateway.device.DeviceRecord;

/** Where {@link AlertEvaluator} raises and clears alerts (the database and live events, or a test's list). */
interface AlertSink {
    /** Returned by {@link #raise} when the alert could not be stored; the evaluator tries again on the next reading. */
    long FAILED = -1;

    /**
     * Raises an alert.
     *
     * @param device the device
     * @param rule the rule that fired, or null for an anomaly
     * @param sensor the sensor
     * @param severity the severity
     * @param message the message
     * @param value the reading's value
     * @param readingTs the reading's time, epoch ms
     * @return the new alert's ID, or {@link #FAILED}
     */
    long raise(
            DeviceRecord device,
            @Nullable AlertRule rule,
            String sensor,
            Severity severity,
            String message,
            double value,
            long readingTs);

    /**
     * Records that a raised alert's condition stopped holding.
     *
     * @param alertId the alert
     */
    void clear(long alertId);
}
