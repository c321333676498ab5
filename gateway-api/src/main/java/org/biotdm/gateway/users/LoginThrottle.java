package org.biotdm.gateway.users;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Slows down password guessing: each username and each client address may fail to sign in {@code
 * login-attempts-per-username} / {@code login-attempts-per-address} times per {@code login-window} (token buckets,
 * Bucket4j, refilled greedily); beyond that sign-in answers 429 {@code LOGIN_THROTTLED} with {@code Retry-After}
 * until the bucket refills, whether or not the password is right. Successful sign-ins cost nothing. In memory per
 * instance; at most {@value #MAX_TRACKED} keys are tracked (then the table is cleared, erring towards availability).
 */
@Singleton
public class LoginThrottle {
    static final int MAX_TRACKED = 100_000;

    private final UsersConfiguration configuration;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Creates the throttle.
     *
     * @param configuration the users settings
     */
    public LoginThrottle(UsersConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * Refuses a sign-in attempt while the username or the address has no attempts left.
     *
     * @param username the login name tried
     * @param address the client's address
     * @throws ApiException 429 {@code LOGIN_THROTTLED} with Retry-After, seconds until an attempt is allowed again
     */
    public void check(String username, String address) {
        long waitNanos = Math.max(
                wait(bucket("u:" + username, configuration.loginAttemptsPerUsername())),
                wait(bucket("a:" + address, configuration.loginAttemptsPerAddress())));
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            throw new ApiException(
                    ErrorCode.LOGIN_THROTTLED,
                    "Too many failed sign-ins; try again in " + seconds + " s",
                    null,
                    seconds,
                    null);
        }
    }

    /**
     * Counts a failed attempt against the username and the address.
     *
     * @param username the login name tried
     * @param address the client's address
     */
    public void failed(String username, String address) {
        bucket("u:" + username, configuration.loginAttemptsPerUsername()).tryConsume(1);
        bucket("a:" + address, configuration.loginAttemptsPerAddress()).tryConsume(1);
    }

    private static long wait(Bucket bucket) {
        return bucket.getAvailableTokens() > 0
                ? 0
                : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(String key, int capacity) {
        if (buckets.size() >= MAX_TRACKED && !buckets.containsKey(key)) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, configuration.loginWindow())
                        .build())
                .build());
    }
}
