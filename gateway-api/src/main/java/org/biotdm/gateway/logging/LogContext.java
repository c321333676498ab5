package org.biotdm.gateway.logging;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The MDC keys of a request's log context, and how filters add to it: the context travels with the request as a
 * {@link MdcPropagationContext}, which sets the thread's MDC whenever the request's work runs, so a value added by a
 * filter is in the MDC of every later step (controllers, blocking executors, reactive continuations).
 */
public final class LogContext {
    /** The request's ID: the client's {@code X-Request-Id} when it is well-formed, otherwise one the gateway made. */
    public static final String REQUEST_ID = "requestId";

    /** The authenticated device on the device port (its certificate was checked against the ledger registry). */
    public static final String DEVICE_ID = "deviceId";

    /** The authenticated person on the API port, as {@code <organisation>/<username>}. */
    public static final String USER = "user";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LogContext() {}

    /**
     * Makes a request ID for a request or connection that brings none (or a malformed one).
     *
     * @return 16 random hex digits
     */
    public static String newRequestId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Adds one value to the request's log context, keeping what is there.
     *
     * @param context the request's propagated context, as a filter method receives it
     * @param key the MDC key, one of this class's constants
     * @param value the value; nothing is added when null
     */
    public static void put(MutablePropagatedContext context, String key, String value) {
        if (value == null) {
            return;
        }
        Optional<MdcPropagationContext> current = context.getContext().find(MdcPropagationContext.class);
        Map<String, String> state = new HashMap<>();
        current.map(MdcPropagationContext::state).ifPresent(state::putAll);
        state.put(key, value);
        MdcPropagationContext next = new MdcPropagationContext(state);
        if (current.isPresent()) {
            context.replace(current.get(), next);
        } else {
            context.add(next);
        }
    }
}
