package org.biotdm.gateway.users;

/**
 * Published (as a Micronaut application event) when an admin disables a person, so that what was authorised before
 * ends now: the live events hub closes the person's open WebSocket sessions.
 *
 * @param userId the person's ID
 * @param username the person's login name
 */
public record UserDisabled(long userId, String username) {}
