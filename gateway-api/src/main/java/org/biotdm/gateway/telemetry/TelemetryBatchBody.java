package org.biotdm.gateway.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The JSON shape of a telemetry batch as a device sends it, for the OpenAPI document only: the gateway reads the raw
 * bytes with {@link TelemetryBatchParser}, which keeps each number token's exact text for the signature.
 *
 * @param seq the device's sequence number, 0 to 2^63−1, above the highest accepted minus 64
 * @param ts the batch time, epoch milliseconds (device clock)
 * @param readings 1 to 1000 readings, in the order they are signed
 * @param sig the base64 ECDSA P-256 SHA-256 signature over the batch's canonical form: ASN.1 DER, or raw {@code r‖s}
 *     (64 bytes)
 */
@Schema(name = "TelemetryBatch", description = "A signed telemetry batch (biotdm-telemetry-v1)")
public record TelemetryBatchBody(long seq, long ts, List<Reading> readings, String sig) {
    /**
     * One reading.
     *
     * @param sensor the sensor name, {@code [A-Za-z0-9._-]{1,64}}
     * @param value a JSON number (its token kept as written, for example {@code 45.90}), a string of at most 64
     *     characters, or a boolean
     * @param unit the unit, 1 to 16 characters; absent when the reading has none
     * @param ts the reading time, epoch milliseconds (device clock); absent to take the batch time
     */
    @Schema(name = "TelemetryBatchReading")
    public record Reading(String sensor, Object value, @Nullable String unit, @Nullable Long ts) {}
}
