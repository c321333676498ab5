package org.biotdm.gateway.testing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;

/**
 * Who a test client calls the API as: the value a test passes for the {@link Authentication} parameter of an {@code
 * *Operations} method. On the server that parameter is the signed-in person; on the client {@link CallerBinder} turns
 * it into {@code Authorization: Bearer <token>}, or into no header for {@link #ANONYMOUS}.
 */
public final class Caller implements Authentication {
    private static final long serialVersionUID = 1L;

    /** Sends no {@code Authorization} header. */
    public static final Caller ANONYMOUS = new Caller(null);

    private final String accessToken;

    private Caller(@Nullable String accessToken) {
        this.accessToken = accessToken;
    }

    /**
     * Calls with any token, forged, expired or real.
     *
     * @param accessToken the token sent after {@code Bearer}
     * @return the caller
     */
    public static Caller bearer(String accessToken) {
        return new Caller(accessToken);
    }

    /**
     * Returns the token to send.
     *
     * @return the token, or null for none
     */
    @Nullable
    public String accessToken() {
        return accessToken;
    }

    @Override
    public String getName() {
        return accessToken == null ? "anonymous" : "bearer";
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of();
    }
}
