package org.biotdm.gateway.telemetry;

import io.micronaut.http.HttpStatus;
import org.biotdm.gateway.error.ApiException;

/** The stable error codes of {@code POST /device/v1/telemetry}, each with its HTTP status. Nothing is stored. */
public enum TelemetryErrorCode {
    /** 400: not one JSON object, a syntax error, an unknown or duplicate field, NaN, Infinity or a leading {@code +}. */
    TELEMETRY_MALFORMED(HttpStatus.BAD_REQUEST),
    /** 413: a body over the size limit (256 KiB by default) or more than 1000 readings. */
    TELEMETRY_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    /** 400: a field of the wrong type, missing or out of range (sensor name, unit, string value, sequence number). */
    TELEMETRY_INVALID(HttpStatus.BAD_REQUEST),
    /** 400: the signature is not base64, not an ECDSA signature, or does not verify with the device's key. */
    TELEMETRY_BAD_SIGNATURE(HttpStatus.BAD_REQUEST),
    /** 400: the batch time is too far from the gateway's clock, or a reading time lies outside its allowed range. */
    TELEMETRY_CLOCK_SKEW(HttpStatus.BAD_REQUEST),
    /** 409: the sequence number lies at or below the device's highest accepted one minus 64. */
    TELEMETRY_REPLAYED(HttpStatus.CONFLICT),
    /** 409: the sequence number was accepted before with a different batch content. */
    TELEMETRY_SEQ_CONFLICT(HttpStatus.CONFLICT);

    private final HttpStatus status;

    TelemetryErrorCode(HttpStatus status) {
        this.status = status;
    }

    /**
     * Returns the HTTP status sent with this code.
     *
     * @return the status
     */
    public HttpStatus status() {
        return status;
    }

    /**
     * Creates the failure for this code.
     *
     * @param message the reason, without request content beyond field names
     * @return the exception to throw or to complete a future with
     */
    public ApiException error(String message) {
        return new ApiException(status, name(), message);
    }
}
