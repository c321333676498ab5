package org.biotdm.gateway.users;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends what a person was authorised to do, on every gateway instance: {@link #revoke} raises their token version in the
 * shared database (so {@link TokenStates} refuses their earlier access tokens everywhere), forgets this instance's
 * cached state and Fabric identity of theirs, and publishes {@link UserDisabled}, which closes their live-event
 * sessions here. Every {@code biotdm.users.token-state-ttl}, each instance reads the people revoked recently by any
 * instance and does the same for those it has not handled yet, so their sessions and cached identities elsewhere end
 * within about that time too.
 */
@Singleton
public class TokenRevocations {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRevocations.class);

    private final TokenStateRepository repository;
    private final TokenStates states;
    private final UserIdentityStore identities;
    private final ApplicationEventPublisher<UserDisabled> events;
    private final Duration span;
    /** The last version handled per person revoked within {@link #span}; pruned at each sweep, so bounded by it. */
    private final Map<Long, Long> handled = new ConcurrentHashMap<>();

    /**
     * Creates the revocations.
     *
     * @param repository raises and reads token versions
     * @param states the token checker whose cache is kept current
     * @param identities the cache of people's Fabric identities
     * @param events tells the live events hub to close a person's sessions
     * @param configuration the users settings ({@code token-state-ttl})
     */
    public TokenRevocations(
            TokenStateRepository repository,
            TokenStates states,
            UserIdentityStore identities,
            ApplicationEventPublisher<UserDisabled> events,
            UsersConfiguration configuration) {
        this.repository = repository;
        this.states = states;
        this.identities = identities;
        this.events = events;
        // Look back over several sweeps: a sweep that fails or runs late still sees what it missed.
        this.span = configuration.tokenStateTtl().multipliedBy(6);
    }

    /**
     * Revokes every access token of a person issued so far, and closes their sessions on this instance at once.
     *
     * @param userId the person's ID
     * @param username the person's login name
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void revoke(long userId, String username) {
        repository.revoke(userId);
        long version = states.currentVersion(userId);
        handle(userId, username, version);
    }

    /** Handles the revocations other instances made since the last sweeps; a database failure waits for the next. */
    @Scheduled(fixedDelay = "${biotdm.users.token-state-ttl}", initialDelay = "${biotdm.users.token-state-ttl}")
    public void sweep() {
        try {
            var revoked = repository.revokedWithin(span);
            handled.keySet().retainAll(revoked.stream().map(TokenState::userId).toList());
            revoked.forEach(s -> handle(s.userId(), s.username(), s.version()));
        } catch (ApiException e) {
            LOG.debug("revoked tokens not read: {}", e.getMessage());
        }
    }

    private void handle(long userId, String username, long version) {
        Long before = handled.put(userId, Math.max(version, handled.getOrDefault(userId, -1L)));
        if (before != null && before >= version) {
            return;
        }
        states.forget(userId);
        identities.evict(userId);
        events.publishEvent(new UserDisabled(userId, username));
    }
}
