package org.biotdm.device.sdk;

import java.time.Duration;

/**
 * Hears what happens to the device's batches. Called on the client's executor; keep it short and non-blocking.
 */
public interface TelemetryListener {
    /**
     * A batch was acknowledged and removed from the buffer.
     *
     * @param batch the batch
     * @param ack the gateway's acknowledgement
     */
    default void acknowledged(SignedBatch batch, TelemetryAck ack) {}

    /**
     * An attempt failed; the batch stays buffered and is sent again after the delay.
     *
     * @param batch the batch
     * @param failedAttempts attempts so far
     * @param delay the wait before the next attempt
     * @param cause the {@link DeviceApiException} or I/O failure
     */
    default void retrying(SignedBatch batch, int failedAttempts, Duration delay, Throwable cause) {}

    /**
     * The gateway refused the batch for good (400, 409, 413: malformed, bad signature, clock skew, replayed); it was
     * removed from the buffer, since sending it again cannot succeed.
     *
     * @param batch the batch
     * @param refusal the gateway's answer
     */
    default void rejected(SignedBatch batch, DeviceApiException refusal) {}
}
