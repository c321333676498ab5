package org.biotdm.device.sdk;

import java.time.Duration;

/**
 * The gateway refused a request: an HTTP error with the gateway's error body {@code {code, message, transactionId?,
 * timestamp}}.
 *
 * <p>Codes a device meets: {@code TELEMETRY_MALFORMED}, {@code TELEMETRY_INVALID}, {@code TELEMETRY_BAD_SIGNATURE},
 * {@code TELEMETRY_CLOCK_SKEW}, {@code TELEMETRY_TOO_LARGE}, {@code TELEMETRY_REPLAYED}, {@code
 * TELEMETRY_SEQ_CONFLICT}, {@code TELEMETRY_BUSY}, {@code DATABASE_UNAVAILABLE}, {@code LEDGER_UNAVAILABLE}, {@code
 * DEVICE_CERT_REQUIRED}, {@code DEVICE_UNKNOWN}, {@code DEVICE_CERT_MISMATCH}, {@code DEVICE_NOT_ACTIVE}, the
 * provisioning codes ({@code PROVISION_INVALID_REQUEST}, {@code PROVISION_INVALID_CSR}, {@code CLAIM_TOKEN_*}, {@code
 * DEVICE_NOT_FOUND}, {@code DEVICE_NOT_CLAIMABLE}), the command codes ({@code COMMAND_*}, {@code
 * RECEIPT_SIGNATURE_INVALID}) and the generic ones ({@code NOT_FOUND}, {@code RATE_LIMITED}...). An answer without a
 * readable body gets the code {@code HTTP_<status>}.
 */
public final class DeviceApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status
     * @param code the gateway's error code
     * @param message the gateway's message
     * @param retryAfter the {@code Retry-After} the gateway sent, or null
     */
    public DeviceApiException(int status, String code, String message, Duration retryAfter) {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Returns the gateway's stable error code.
     *
     * @return for example {@code TELEMETRY_BUSY}
     */
    public String code() {
        return code;
    }

    /**
     * Returns how long the gateway asked the device to wait before retrying.
     *
     * @return the delay, or null when no {@code Retry-After} was sent
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    static DeviceApiException from(DeviceResponse response) {
        String code = "HTTP_" + response.status();
        String message = "";
        try {
            var body = Json.parseObject(response.body());
            String bodyCode = Json.textField(body, "code");
            code = bodyCode == null ? code : bodyCode;
            String bodyMessage = Json.textField(body, "message");
            message = bodyMessage == null ? "" : bodyMessage;
        } catch (java.io.IOException | RuntimeException e) {
            message = "no error body";
        }
        return new DeviceApiException(
                response.status(),
                code,
                message,
                RetryPolicy.parseRetryAfter(response.retryAfter(), System.currentTimeMillis()));
    }
}
