package org.biotdm.gateway.users;

/**
 * Published (as a Micronaut application event) when a person's access tokens are revoked (an admin disabled them, or
 * their password changed), so that what was authorised before ends now: the live events hub closes the person's open
 * WebSocket sessions. {@link TokenRevocations} publishes it on the instance that revoked the tokens at once and on
 * every other instance within {@code biotdm.users.token-state-ttl}.
 *
 * @param userId the person's ID
 * @param username the person's login name
 */
public record UserDisabled(long userId, String username) {}
