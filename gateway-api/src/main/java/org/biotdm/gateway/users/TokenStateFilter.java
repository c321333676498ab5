package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.util.Optional;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.ErrorResponses;
import org.biotdm.gateway.logging.LogContext;

/**
 * Refuses an access token whose person was disabled, deleted, given another role or had their tokens revoked since it
 * was issued ({@link TokenStates}): 401 {@code AUTH_INVALID} with {@code WWW-Authenticate: Bearer
 * error="invalid_token"} (RFC 6750 §3.1), on the REST API and on the WebSocket upgrade alike. Runs after Micronaut
 * Security has verified the token's signature and expiry and after the rate limits, on the blocking executor (a cache
 * miss reads the database); 503 {@code DATABASE_UNAVAILABLE} when the state can be neither found in the cache nor
 * read.
 */
@ServerFilter(patterns = {"/api/**", "/ws/**"})
final class TokenStateFilter implements Ordered {
    private final TokenStates states;

    /**
     * Creates the filter.
     *
     * @param states the token checker
     */
    public TokenStateFilter(TokenStates states) {
        this.states = states;
    }

    /**
     * Checks the request's access token, if it has one, and puts the person into the request's log context.
     *
     * @param request the request
     * @param context the request's propagated context
     * @return null to go on, or the 401 or 503 response
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request, MutablePropagatedContext context) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            return null;
        }
        try {
            Object version = authentication.get().getAttributes().get(TokenStates.CLAIM_VERSION);
            ApiUser user = ApiUser.from(authentication.get());
            LogContext.put(context, LogContext.USER, user.mspId() + "/" + user.username());
            return version instanceof Number number && states.admits(user, number.longValue()) ? null : revoked();
        } catch (ApiException e) {
            return e.code() == ErrorCode.AUTH_INVALID ? revoked() : ErrorResponses.of(e);
        }
    }

    @Override
    public int getOrder() {
        // After Micronaut Security (which verified the token) and the rate limits (SECURITY.after() + 10).
        return ServerFilterPhase.SECURITY.after() + 20;
    }

    private static HttpResponse<?> revoked() {
        return ErrorResponses.of(ErrorCode.AUTH_INVALID, "The access token was revoked: sign in again")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }
}
