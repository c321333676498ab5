package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A firmware record as the chaincode's {@code GetFirmware} returns it (the fields the gateway reads).
 *
 * @param model the device model
 * @param version the version
 * @param sequence the anti-rollback sequence number
 * @param size the image size, bytes
 * @param sha256 the image's SHA-256, lower-case hex
 * @param revoked whether the manufacturer revoked it
 * @param revocationReason why, or null
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record LedgerFirmware(
        String model,
        String version,
        long sequence,
        long size,
        String sha256,
        boolean revoked,
        @Nullable String revocationReason) {}
