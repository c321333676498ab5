package org.biotdm.gateway.mqtt;

import java.util.Map;
import java.util.concurrent.Executor;
import org.biotdm.gateway.logging.LogContext;
import org.slf4j.MDC;

/**
 * The log context of one MQTT connection, the MQTT side of what {@code logging/RequestIdFilter} gives an HTTP request:
 * a request ID made when the connection opens ({@link LogContext#newRequestId()}; MQTT has no header to carry a
 * client's) and, once CONNECT is accepted, the device ({@link LogContext#DEVICE_ID}). Every step of the connection runs
 * inside it, on the channel's event loop and on the executors its work crosses, so every line the connection's
 * packets cause carries both in its MDC.
 */
final class MqttLogContext {
    private final String requestId = LogContext.newRequestId();
    private volatile String deviceId;

    /**
     * Adds the authenticated device to the context.
     *
     * @param id the device ID
     */
    void device(String id) {
        deviceId = id;
    }

    /**
     * Returns the connection's request ID.
     *
     * @return 16 hex digits
     */
    String requestId() {
        return requestId;
    }

    /**
     * Runs a step of the connection with this context in the thread's MDC, restoring what was there after.
     *
     * @param step the step
     */
    void run(Runnable step) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.put(LogContext.REQUEST_ID, requestId);
        String device = deviceId;
        if (device != null) {
            MDC.put(LogContext.DEVICE_ID, device);
        }
        try {
            step.run();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    /**
     * Returns a step that runs in this context wherever it is executed.
     *
     * @param step the step
     * @return the wrapped step
     */
    Runnable wrap(Runnable step) {
        return () -> run(step);
    }

    /**
     * Returns an executor that runs every task in this context.
     *
     * @param executor the executor doing the work
     * @return the wrapping executor
     */
    Executor executor(Executor executor) {
        return task -> executor.execute(wrap(task));
    }
}
