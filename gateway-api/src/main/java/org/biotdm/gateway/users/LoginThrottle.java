package org.biotdm.gateway.users;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ratelimit.TokenBuckets;

/**
 * Slows down password guessing without letting a guesser lock the owner out or exhaust the gateway.
 *
 * <ul>
 *   <li>Each (username, client address) pair may try {@code login-attempts-per-username} times and each client
 *       address {@code login-attempts-per-address} times per {@code login-window} (token buckets, Bucket4j, refilled
 *       greedily, kept in a {@link TokenBuckets} table like every other limit). Guesses from one address never spend
 *       the owner's attempts from another address.
 *   <li>An attempt is paid for <em>before</em> the password is hashed ({@link #reserve}), so parallel guesses cannot
 *       all pass a check that only reads the bucket; a successful sign-in gives its tokens back.
 *   <li>At most {@value #MAX_CONCURRENT_ATTEMPTS} passwords are hashed at once (Argon2id takes tens of MB each); an
 *       attempt waits up to {@value #SLOT_WAIT_MS} ms for a slot.
 *   <li>At most {@value #MAX_TRACKED} buckets are kept, least recently used evicted first and each dropped after a
 *       window without attempts (it would have refilled by then). Usernames are validated by the caller and cut to
 *       {@value #MAX_KEY_USERNAME} characters here, so a key's size does not depend on the request.
 * </ul>
 *
 * <p>A refused attempt answers 429 {@code LOGIN_THROTTLED} with {@code Retry-After}, whether or not the password is
 * right. In memory per gateway instance: behind a load balancer each instance throttles on its own. The client address
 * is the connection's, or the forwarded one when the connection comes from a proxy listed in {@code
 * biotdm.rate-limits.trusted-proxies} ({@link org.biotdm.gateway.ratelimit.ClientAddresses}).
 */
@Singleton
final class LoginThrottle {
    static final int MAX_TRACKED = 100_000;
    static final int MAX_CONCURRENT_ATTEMPTS = 4;
    static final long SLOT_WAIT_MS = 2_000;
    static final int MAX_KEY_USERNAME = 64;

    private final TokenBuckets.Limit perPair;
    private final TokenBuckets.Limit perAddress;
    private final TokenBuckets buckets;
    private final Semaphore hashingSlots = new Semaphore(MAX_CONCURRENT_ATTEMPTS, true);

    /**
     * Creates the throttle.
     *
     * @param configuration the users settings
     */
    @Inject
    public LoginThrottle(UsersConfiguration configuration) {
        this(
                configuration.loginAttemptsPerUsername(),
                configuration.loginAttemptsPerAddress(),
                configuration.loginWindow());
    }

    LoginThrottle(int attemptsPerPair, int attemptsPerAddress, Duration window) {
        this.perPair = new TokenBuckets.Limit(attemptsPerPair, attemptsPerPair, window);
        this.perAddress = new TokenBuckets.Limit(attemptsPerAddress, attemptsPerAddress, window);
        this.buckets = new TokenBuckets(MAX_TRACKED, window, System::nanoTime);
    }

    /**
     * Pays for one sign-in attempt and takes a hashing slot; close the returned attempt when the password check is
     * over, and call {@link Attempt#succeeded()} first if it matched.
     *
     * @param username the login name tried (already validated by the caller)
     * @param address the client's address
     * @return the attempt, holding a hashing slot until closed
     * @throws ApiException 429 {@code LOGIN_THROTTLED} with Retry-After (seconds) when the pair or the address has no
     *     attempts left, or no hashing slot frees up within {@value #SLOT_WAIT_MS} ms
     */
    public Attempt reserve(String username, String address) {
        String pair = pairKey(username, address);
        String source = addressKey(address);
        long wait = buckets.take(pair, 1, perPair);
        if (wait > 0) {
            throw throttled(wait);
        }
        wait = buckets.take(source, 1, perAddress);
        if (wait > 0) {
            buckets.giveBack(pair, 1);
            throw throttled(wait);
        }
        if (!acquireSlot()) {
            buckets.giveBack(pair, 1);
            buckets.giveBack(source, 1);
            throw throttled(1);
        }
        return new Attempt(pair, source);
    }

    /**
     * Returns how many buckets are tracked now (for tests and metrics).
     *
     * @return the number of buckets
     */
    long tracked() {
        return buckets.tracked();
    }

    /**
     * Tells whether an attempt of a username from an address was paid for within the last window.
     *
     * @param username the login name
     * @param address the client's address
     * @return true when the pair has a bucket
     */
    boolean tracks(String username, String address) {
        return buckets.tracks(pairKey(username, address));
    }

    private boolean acquireSlot() {
        try {
            return hashingSlots.tryAcquire(SLOT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String pairKey(String username, String address) {
        String name = username.length() > MAX_KEY_USERNAME ? username.substring(0, MAX_KEY_USERNAME) : username;
        return "u:" + address + '\n' + name;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static ApiException throttled(long seconds) {
        long wait = Math.max(1, seconds);
        return new ApiException(
                ErrorCode.LOGIN_THROTTLED, "Too many sign-in attempts; try again in " + wait + " s", null, wait, null);
    }

    /** One paid sign-in attempt holding a hashing slot. */
    public final class Attempt implements AutoCloseable {
        private final String pair;
        private final String source;
        private boolean open = true;

        private Attempt(String pair, String source) {
            this.pair = pair;
            this.source = source;
        }

        /** Gives the attempt's tokens back: a successful sign-in costs nothing. */
        public void succeeded() {
            buckets.giveBack(pair, 1);
            buckets.giveBack(source, 1);
        }

        /** Frees the hashing slot; idempotent. */
        @Override
        public void close() {
            if (open) {
                open = false;
                hashingSlots.release();
            }
        }
    }
}
