package org.biotdm.gateway.users;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The request bodies of {@link AuthController} and {@link UserController}; unknown fields are refused. */
public final class AuthRequests {
    private AuthRequests() {}

    /**
     * Sign-in.
     *
     * @param username the login name
     * @param password the password
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Login(
            @Nullable @NotNull @Size(max = UserService.MAX_USERNAME_CHARS) String username,
            @Nullable @NotNull @Size(max = UserService.MAX_PASSWORD_CHARS) String password) {}

    /**
     * Refresh or sign-out.
     *
     * @param refreshToken the refresh token
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Refresh(@Nullable String refreshToken) {}

    /**
     * The first admin of an organisation signs up with the bootstrap token printed at first start.
     *
     * @param mspId the organisation
     * @param bootstrapToken the one-time token
     * @param username the admin's login name
     * @param password the admin's password
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Bootstrap(
            @Nullable @NotNull String mspId,
            @Nullable @NotNull String bootstrapToken,
            @Nullable String username,
            @Nullable String password) {}

    /**
     * An admin creates a person of their organisation.
     *
     * @param username the login name
     * @param password the initial password
     * @param role {@code admin}, {@code operator} or {@code auditor}
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateUser(
            @Nullable @NotNull String username, @Nullable @NotNull String password, @Nullable @NotNull String role) {}

    /**
     * A person changes their password.
     *
     * @param currentPassword the current password
     * @param newPassword the new password
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ChangePassword(@Nullable @NotNull String currentPassword, @Nullable @NotNull String newPassword) {}

    /**
     * An admin enables or disables a person.
     *
     * @param enabled the new state
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SetEnabled(@Nullable @NotNull Boolean enabled) {}
}
