package org.biotdm.gateway.users;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.biotdm.gateway.error.ApiException;

/**
 * Checks access tokens against their person's current state in the shared database, so a person who is disabled,
 * deleted, given another role or whose password changed loses access on every gateway instance within {@code
 * biotdm.users.token-state-ttl} (5 s by default), not only when the token expires.
 *
 * <p>Each access token carries its person's token version ({@value #CLAIM_VERSION} claim), which {@link
 * TokenRevocations} raises when tokens must stop working. A token stands while its person exists, is enabled, and
 * has the token's username, role and version. States are cached for at most the TTL, for at most {@value
 * #MAX_CACHED} people (least recently used evicted first), so a burst of requests costs one query per person per
 * TTL; this instance's own revocations take effect at once.
 */
@Singleton
final class TokenStates {
    /** The JWT claim holding the token version its person had when it was issued. */
    public static final String CLAIM_VERSION = "ver";

    static final int MAX_CACHED = 10_000;

    private final TokenStateRepository repository;
    private final Cache<Long, Optional<TokenState>> cache;

    /**
     * Creates the checker.
     *
     * @param repository reads the states
     * @param configuration the users settings ({@code token-state-ttl})
     */
    @Inject
    public TokenStates(TokenStateRepository repository, UsersConfiguration configuration) {
        this(repository, configuration.tokenStateTtl().toNanos(), System::nanoTime);
    }

    TokenStates(TokenStateRepository repository, long ttlNanos, LongSupplier nanos) {
        this.repository = repository;
        this.cache = CacheBuilder.newBuilder()
                .maximumSize(MAX_CACHED)
                .expireAfterWrite(ttlNanos, TimeUnit.NANOSECONDS)
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        return nanos.getAsLong();
                    }
                })
                .build();
    }

    /**
     * Tells whether an access token still stands.
     *
     * @param user the person the token names
     * @param tokenVersion the token's {@value #CLAIM_VERSION} claim
     * @return true when the person exists, is enabled and has the token's username, role and version
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE} when the state is not cached and cannot be read
     */
    public boolean admits(ApiUser user, long tokenVersion) {
        return state(user.userId()).map(s -> s.admits(user, tokenVersion)).orElse(false);
    }

    /**
     * Reads a person's token version afresh, for a token about to be issued.
     *
     * @param userId the person's ID
     * @return the current version (0 for a person who no longer exists; such a token never stands)
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    long currentVersion(long userId) {
        Optional<TokenState> state = repository.find(userId);
        cache.put(userId, state);
        return state.map(TokenState::version).orElse(0L);
    }

    /**
     * Drops a person's cached state, so their next request reads it again.
     *
     * @param userId the person's ID
     */
    void forget(long userId) {
        cache.invalidate(userId);
    }

    private Optional<TokenState> state(long userId) {
        try {
            return cache.get(userId, () -> repository.find(userId));
        } catch (ExecutionException | UncheckedExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw new IllegalStateException("token state unreadable", e.getCause());
        }
    }
}
