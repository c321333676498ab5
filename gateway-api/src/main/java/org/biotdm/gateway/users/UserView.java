package org.biotdm.gateway.users;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A person as the API shows them (never their password hash or key).
 *
 * @param username the login name
 * @param mspId the organisation's MSP ID
 * @param role {@code admin}, {@code operator} or {@code auditor}
 * @param fabricId the Fabric client identity their transactions are signed with ({@code x509::<subject>::<issuer>})
 * @param enabled false when an admin disabled them
 */
@Serdeable
public record UserView(String username, String mspId, String role, String fabricId, boolean enabled) {

    /**
     * Shows an enabled person.
     *
     * @param user the person
     * @return the view
     */
    static UserView of(ApiUser user) {
        return of(user, true);
    }

    /**
     * Shows a person.
     *
     * @param user the person
     * @param enabled whether they are enabled
     * @return the view
     */
    static UserView of(ApiUser user, boolean enabled) {
        return new UserView(user.username(), user.mspId(), user.role().value(), user.fabricId(), enabled);
    }
}
