package org.biotdm.gateway.users;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to a sign-in or refresh (field names as in OAuth 2.0, RFC 6749 §5.1).
 *
 * @param accessToken the ES256 JWT to send as {@code Authorization: Bearer}
 * @param tokenType always {@code Bearer}
 * @param expiresIn the access token's lifetime, seconds
 * @param refreshToken the one-time refresh token for {@code POST /api/v1/auth/refresh}
 * @param user who signed in
 */
@Serdeable
public record TokenResponse(String accessToken, String tokenType, int expiresIn, String refreshToken, UserView user) {}
