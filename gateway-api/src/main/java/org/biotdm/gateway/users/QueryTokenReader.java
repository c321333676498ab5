package org.biotdm.gateway.users;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the access token from the {@code access_token} query parameter (RFC 6750 §2.3) on WebSocket routes ({@code
 * /ws/**}) only, because browsers cannot set an {@code Authorization} header on a WebSocket handshake. Everywhere
 * else the parameter is ignored, so tokens do not end up in ordinary URLs and logs.
 */
@Singleton
final class QueryTokenReader implements TokenReader<HttpRequest<?>> {
    /** The query parameter's name. */
    public static final String PARAMETER = "access_token";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/ws/")) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(PARAMETER).filter(token -> !token.isBlank());
    }
}
