package org.biotdm.gateway.command;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.commands.*} settings: expiry bounds of issued commands, the device long poll, and the expiry
 * sweep.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param defaultExpiry the expiry of a command issued without {@code expiresIn} or {@code expiresAt}; 1 h by default
 * @param maxExpiry the longest expiry accepted; the chaincode refuses more than 24 h after the transaction time; 24 h
 *     by default
 * @param maxParametersBytes the largest canonical parameters text accepted; bytes, 8192 by default
 * @param maxResultBytes the largest canonical result text a receipt may carry; bytes, 65536 by default
 * @param maxWait the longest {@code wait} of a device's long poll; 60 s by default
 * @param maxDelivered how many commands one poll hands out at most (oldest first); 16 by default
 * @param expirySweepInterval how often commands past their expiry are marked {@code EXPIRED}; 5 s by default
 * @param maxPageSize the largest page of the command list; 200 by default
 */
@Context
@ConfigurationProperties("biotdm.commands")
public record CommandsConfiguration(
        @NotNull @DurationMin(1) Duration defaultExpiry,
        @NotNull @DurationMin(1) Duration maxExpiry,
        @Min(1) int maxParametersBytes,
        @Min(1) int maxResultBytes,
        @NotNull @DurationMin(0) Duration maxWait,
        @Min(1) int maxDelivered,
        @NotNull @DurationMin(1) Duration expirySweepInterval,
        @Min(1) int maxPageSize) {}
