package org.biotdm.gateway.users;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.ErrorResponses;

/**
 * Answers requests Micronaut Security refuses in the service's one error shape: 401 {@code AUTH_REQUIRED} when no
 * token was presented, 401 {@code AUTH_INVALID} when a presented token is malformed, forged, expired or signed with
 * {@code alg: none}, both with {@code WWW-Authenticate: Bearer} (RFC 6750 §3); 403 {@code ACCESS_DENIED} when a
 * valid token's role may not use the route.
 */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class SecurityErrorHandler implements ExceptionHandler<AuthorizationException, HttpResponse<ErrorResponse>> {

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return ErrorResponses.of(
                    ErrorCode.ACCESS_DENIED,
                    "Your role may not use " + request.getMethodName() + " " + request.getPath());
        }
        boolean presented = request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getParameters().contains(QueryTokenReader.PARAMETER);
        MutableHttpResponse<ErrorResponse> response = presented
                ? ErrorResponses.of(
                        ErrorCode.AUTH_INVALID, "The access token is malformed, expired or not signed by this service")
                : ErrorResponses.of(ErrorCode.AUTH_REQUIRED, "Sign in: send Authorization: Bearer <access token>");
        return response.header(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
}
