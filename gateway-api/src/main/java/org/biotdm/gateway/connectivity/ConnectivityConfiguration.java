package org.biotdm.gateway.connectivity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.connectivity.*} settings. Defaults are in {@code application.yml}; the record is created at
 * startup ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param inactivityTimeout how long a device may stay silent and still count as online; 2 minutes by default, at least
 *     1 second (ThingsBoard's {@code inactivityTimeout})
 * @param flushInterval how often the activity noted in memory is written to {@code devices} and silent devices are
 *     declared offline; 5 seconds by default, at least 100 ms
 */
@Context
@ConfigurationProperties("biotdm.connectivity")
public record ConnectivityConfiguration(
        @NotNull @DurationMin(1000) Duration inactivityTimeout, @NotNull @DurationMin(100) Duration flushInterval) {}
