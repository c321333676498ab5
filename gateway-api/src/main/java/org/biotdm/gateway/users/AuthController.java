package org.biotdm.gateway.users;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.error.ApiException;

/**
 * Signs people in and out: {@code POST /api/v1/auth/login} (username and password → access and refresh token),
 * {@code /refresh} (a refresh token → new tokens; the old one is spent), {@code /logout} (spends a refresh token) and
 * {@code /bootstrap} (the first admin of an organisation signs up with the one-time token printed at first start).
 */
@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
public class AuthController {
    private final UserService users;
    private final LoginThrottle throttle;
    private final BootstrapTokens bootstrap;

    /**
     * Creates the controller.
     *
     * @param users the user service
     * @param throttle the login throttle
     * @param bootstrap the bootstrap tokens
     */
    public AuthController(UserService users, LoginThrottle throttle, BootstrapTokens bootstrap) {
        this.users = users;
        this.throttle = throttle;
        this.bootstrap = bootstrap;
    }

    /**
     * Signs a person in.
     *
     * @param request the HTTP request (its remote address is throttled)
     * @param body username and password
     * @return 200 with the tokens
     * @throws ApiException 400 {@code INVALID_ARGUMENT} when a field is missing; 401 {@code LOGIN_FAILED} for a wrong
     *     username or password or a disabled person (one answer for all); 429 {@code LOGIN_THROTTLED}; 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Post("/login")
    public TokenResponse login(HttpRequest<?> request, @Body AuthRequests.Login body) {
        if (body.username() == null || body.password() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", "username and password are required");
        }
        // Validated before the throttle sees them: no request-sized key is ever stored, no huge password hashed.
        if (body.username().length() > UserService.MAX_USERNAME_CHARS
                || body.password().length() > UserService.MAX_PASSWORD_CHARS) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_ARGUMENT",
                    "username is at most " + UserService.MAX_USERNAME_CHARS + " and password at most "
                            + UserService.MAX_PASSWORD_CHARS + " characters");
        }
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        try (LoginThrottle.Attempt attempt = throttle.reserve(body.username(), address)) {
            ApiUser user = users.authenticate(body.username(), body.password())
                    .orElseThrow(() ->
                            new ApiException(HttpStatus.UNAUTHORIZED, "LOGIN_FAILED", "Wrong username or password"));
            attempt.succeeded();
            return users.issueTokens(user);
        }
    }

    /**
     * Exchanges a refresh token for new tokens (RFC 6749 §6, with rotation).
     *
     * @param body the refresh token
     * @return 200 with new tokens
     * @throws ApiException 401 {@code AUTH_INVALID} for an unknown, spent or expired token; 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Post("/refresh")
    public TokenResponse refresh(@Body AuthRequests.Refresh body) {
        return users.refresh(body.refreshToken());
    }

    /**
     * Signs out: spends the refresh token. The access token stays valid until it expires.
     *
     * @param body the refresh token
     * @return 204
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post("/logout")
    public HttpResponse<Void> logout(@Body AuthRequests.Refresh body) {
        users.revoke(body.refreshToken());
        return HttpResponse.noContent();
    }

    /**
     * Creates the first admin of an organisation with its one-time bootstrap token, and signs them in.
     *
     * @param body the organisation, the token, and the admin's username and password
     * @return 201 with the admin's tokens
     * @throws ApiException 400 {@code INVALID_ARGUMENT}, {@code INVALID_USERNAME}, {@code WEAK_PASSWORD}; 401 {@code
     *     BOOTSTRAP_TOKEN_INVALID} for a wrong, spent or expired token; 409 {@code USER_EXISTS}; 502/503 enrolment
     *     failures; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post("/bootstrap")
    public HttpResponse<TokenResponse> bootstrap(@Body AuthRequests.Bootstrap body) {
        if (body.mspId() == null || body.bootstrapToken() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", "mspId and bootstrapToken are required");
        }
        ApiUser admin = bootstrap.redeem(body.mspId(), body.bootstrapToken(), body.username(), body.password());
        return HttpResponse.created(users.issueTokens(admin));
    }
}
