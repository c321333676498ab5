package org.biotdm.gateway.users;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Signing in and out under {@code /api/v1/auth}, implemented by {@link AuthController} and extended by the tests'
 * declarative client. No route needs a token. Access tokens are JWTs (RFC 7519) signed with the gateway's key, sent
 * as {@code Authorization: Bearer <token>}; refresh tokens are opaque, single use, and rotate on every refresh (RFC
 * 6749 §6).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface AuthOperations {
    /**
     * Signs a person in.
     *
     * @param body username and password
     * @return 200 with the access token, its lifetime in seconds, the refresh token and the person
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} when a field is missing; 401 {@code
     *     LOGIN_FAILED} for a wrong username or password or a disabled person (one answer for all); 429 {@code
     *     LOGIN_THROTTLED} (too many failures for the username or the address, with {@code Retry-After}); 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Post("/auth/login")
    TokenResponse login(@Valid @Body AuthRequests.Login body);

    /**
     * Exchanges a refresh token for new tokens (RFC 6749 §6, with rotation: the old one is spent).
     *
     * @param body the refresh token
     * @return 200 with new tokens
     * @throws org.biotdm.gateway.error.ApiException 401 {@code AUTH_INVALID} for an unknown, spent or expired token;
     *     503 {@code DATABASE_UNAVAILABLE}
     */
    @Post("/auth/refresh")
    TokenResponse refresh(@Valid @Body AuthRequests.Refresh body);

    /**
     * Signs out: spends the refresh token. The access token stays valid until it expires.
     *
     * @param body the refresh token
     * @return 204
     * @throws org.biotdm.gateway.error.ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post("/auth/logout")
    @ApiResponse(responseCode = "204", description = "Signed out")
    HttpResponse<Void> logout(@Valid @Body AuthRequests.Refresh body);

    /**
     * Creates the first admin of an organisation with its one-time bootstrap token (printed at first start), and
     * signs them in.
     *
     * @param body the organisation's MSP ID, the token, and the admin's username and password
     * @return 201 with the admin's tokens
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, {@code
     *     INVALID_ARGUMENT}; 401 {@code BOOTSTRAP_TOKEN_INVALID} for a wrong, spent or expired token; 409 {@code
     *     USER_EXISTS}; 502 {@code ENROLLMENT_FAILED}; 503 {@code ENROLLMENT_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}
     */
    @Post("/auth/bootstrap")
    @ApiResponse(
            responseCode = "201",
            description = "The first admin, signed in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    HttpResponse<TokenResponse> bootstrap(@Valid @Body AuthRequests.Bootstrap body);
}
