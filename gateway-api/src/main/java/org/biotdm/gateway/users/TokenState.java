package org.biotdm.gateway.users;

/**
 * What an access token is checked against on every request: its person's current row in {@code users}.
 *
 * @param userId the person's ID
 * @param username the login name
 * @param role the current role
 * @param enabled false once an admin disabled the person
 * @param version the token version, raised whenever the person's tokens are revoked
 */
record TokenState(long userId, String username, ApiRole role, boolean enabled, long version) {
    /**
     * Tells whether a token issued to a person with a role and a version still stands.
     *
     * @param user the person as the token names them
     * @param tokenVersion the token's {@code ver} claim
     * @return true when the person is enabled and has the token's name, role and version
     */
    boolean admits(ApiUser user, long tokenVersion) {
        return enabled && version == tokenVersion && role == user.role() && username.equals(user.username());
    }
}
