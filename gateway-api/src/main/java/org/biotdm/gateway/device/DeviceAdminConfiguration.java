package org.biotdm.gateway.device;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.device-admin.*} settings of the devices API: page sizes of the device list, the strength of
 * provisioning claim tokens and how long an authorised key rotation stays open.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param defaultPageSize the page size of a device list request that names none; 50 by default
 * @param maxPageSize the largest page size a client may ask for; more is 400 {@code INVALID_ARGUMENT}; 200 by
 *     default (also the chaincode's limit for its pages)
 * @param claimTokenBytes how many random bytes a provisioning claim token carries (encoded as unpadded base64url text,
 *     whose UTF-8 bytes are what the device sends and what the chaincode hashes); 32 by default (256 bits); 12 to 192
 * @param rekeyWindow how long after an admin authorised a key rotation the device may present its new CSR; 24 hours by
 *     default
 */
@Context
@ConfigurationProperties("biotdm.device-admin")
public record DeviceAdminConfiguration(
        @Min(1) int defaultPageSize,
        @Min(1) int maxPageSize,
        @Min(12) @Max(192) int claimTokenBytes,
        @NotNull @DurationMin(1) Duration rekeyWindow) {}
