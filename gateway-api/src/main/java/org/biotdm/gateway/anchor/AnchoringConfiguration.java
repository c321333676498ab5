package org.biotdm.gateway.anchor;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Settings of window sealing, anchor submission and verification, under {@code biotdm.anchoring}.
 *
 * <p>Every gateway instance that shares one database must use the same {@code window-ms} and {@code gateway-id};
 * gateways with different databases must use different {@code gateway-id}s (or organisations), because the ledger
 * window ID is {@code <mspId>-<gatewayId>-<window number>}.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param enabled whether this instance runs the sealing and submitting workers; true by default
 * @param windowMs the window length; milliseconds, 10 000 by default; window {@code n} covers receive times {@code
 *     [n·w, (n+1)·w)}
 * @param grace how long after its end a window is sealed, so writes in flight at the boundary can finish; the grace
 *     period, 2 s by default
 * @param gatewayId this deployment's gateway ID, the middle part of every ledger window ID; {@code gw1} by default
 * @param submitBatch how many outbox rows one submitter run claims; 8 by default
 * @param submitConcurrency how many claimed anchors are submitted at the same time; 4 by default
 * @param submitLease how long a claimed outbox row stays with its submitter before another instance may take it over; 2
 *     min by default; longer than the ledger client's submit and commit timeouts
 * @param retryInitial the delay before the first retry of a failed submission; it doubles per attempt; 1 s by default
 * @param retryMax the longest delay between retries; 5 min by default
 * @param maxSealsPerRun how many windows one sealer run seals at most (catching up after downtime); 1000 by default
 * @param verifyMaxWindows the most windows one verification request may cover; 360 by default (one hour of 10 s
 *     windows)
 */
@Context
@ConfigurationProperties("biotdm.anchoring")
public record AnchoringConfiguration(
        boolean enabled,
        @Min(1000) @Max(3600000) long windowMs,
        @NotNull @DurationMin(0) Duration grace,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._]{0,15}") String gatewayId,
        @Min(1) @Max(1000) int submitBatch,
        @Min(1) @Max(64) int submitConcurrency,
        @NotNull @DurationMin(1) Duration submitLease,
        @NotNull @DurationMin(1) Duration retryInitial,
        @NotNull @DurationMin(1) Duration retryMax,
        @Min(1) int maxSealsPerRun,
        @Min(1) int verifyMaxWindows) {}
