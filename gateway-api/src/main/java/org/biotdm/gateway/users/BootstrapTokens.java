package org.biotdm.gateway.users;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.security.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin of each organisation: at startup, every served organisation that has no admin and no pending token
 * gets a one-time bootstrap token (256 random bits, valid {@code biotdm.users.bootstrap-token-ttl}). The token is
 * printed to the log once and written to {@code <data-dir>/users/bootstrap-tokens.properties} ({@code <MSP
 * ID>=<token>}, owner-only); only its SHA-256 is in the database. {@code POST /api/v1/auth/bootstrap} spends it to
 * create the admin. A restart after expiry issues a new one.
 */
@Singleton
final class BootstrapTokens {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapTokens.class);
    /** The longest token accepted; issued tokens have 43 characters (256 bits, unpadded base64url). */
    private static final int MAX_TOKEN_CHARS = 128;
    /** Compared with when an organisation has no pending token, so that case takes the same time. */
    private static final String NO_TOKEN = "-".repeat(64);

    private final UserService service;
    private final UserRepository users;
    private final UsersConfiguration configuration;
    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /**
     * Creates the bootstrap.
     *
     * @param service the user service
     * @param users the user store
     * @param configuration the users settings
     * @param dataDir the service's data directory
     */
    public BootstrapTokens(
            UserService service, UserRepository users, UsersConfiguration configuration, DataDirectory dataDir) {
        this.service = service;
        this.users = users;
        this.configuration = configuration;
        this.file = dataDir.resolve("users", "bootstrap-tokens.properties");
    }

    /**
     * Issues the tokens organisations without an admin need; failures are logged and retried at the next start.
     *
     * @param event the startup event
     */
    @EventListener
    public void onStartup(StartupEvent event) {
        try {
            issueMissing();
        } catch (ApiException | IOException e) {
            LOG.warn("Bootstrap tokens for first admins could not be issued: {}", e.getMessage());
        }
    }

    /**
     * Issues a token to every served organisation without an admin and without a pending token.
     *
     * @return the new tokens by MSP ID
     * @throws IOException when the tokens file cannot be written
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public synchronized Map<String, String> issueMissing() throws IOException {
        Instant now = clock.instant();
        Map<String, String> issued = new LinkedHashMap<>();
        for (String msp : service.organisations()) {
            if (users.hasAdmin(msp) || users.hasBootstrapToken(msp, now)) {
                continue;
            }
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            users.putBootstrapToken(msp, UserService.sha256(token), now.plus(configuration.bootstrapTokenTtl()));
            issued.put(msp, token);
        }
        if (!issued.isEmpty()) {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
            }
            issued.forEach(stored::setProperty);
            var text = new java.io.StringWriter();
            stored.store(text, "One-time tokens for POST /api/v1/auth/bootstrap (first admin of each organisation)");
            SecretFiles.write(file, text.toString());
            // The tokens themselves are never logged: logs are shipped and read more widely than the data dir.
            issued.keySet()
                    .forEach(msp -> LOG.info(
                            "First admin of {}: POST /api/v1/auth/bootstrap with mspId={} and the bootstrapToken written to"
                                    + " {} (owner-only; valid {})",
                            msp,
                            msp,
                            file,
                            configuration.bootstrapTokenTtl()));
        }
        return issued;
    }

    /**
     * Spends an organisation's bootstrap token to create its first admin. The token is checked first, against the
     * stored SHA-256 in constant time ({@link MessageDigest#isEqual}), so a caller without the token learns nothing
     * about usernames: every wrong token gets the same answer, whatever name it comes with.
     *
     * @param mspId the organisation
     * @param token the token
     * @param username the admin's login name
     * @param password the admin's password
     * @return the admin
     * @throws ApiException 401 {@code BOOTSTRAP_TOKEN_INVALID} when the token is wrong, spent or expired (checked
     *     before anything else); 400 {@code INVALID_ARGUMENT} and 409 {@code USER_EXISTS} (the token is not spent);
     *     502/503 enrolment failures (the token is given back); 503 {@code DATABASE_UNAVAILABLE}
     */
    public ApiUser redeem(String mspId, String token, String username, String password) {
        Instant now = clock.instant();
        String hash = UserService.sha256(token);
        if (!matchesStored(mspId, hash, now) || token.length() > MAX_TOKEN_CHARS) {
            throw invalidToken(mspId);
        }
        if (username != null && users.findByUsername(username).isPresent()) {
            throw new ApiException(ErrorCode.USER_EXISTS, "The username " + username + " is taken");
        }
        if (!users.consumeBootstrapToken(mspId, hash, now)) {
            throw invalidToken(mspId); // spent by a concurrent redemption since the check
        }
        try {
            return service.createUser(null, mspId, username, password, ApiRole.ADMIN);
        } catch (RuntimeException e) {
            // Nothing was created: give the token back so the admin can try again.
            users.putBootstrapToken(mspId, hash, now.plus(configuration.bootstrapTokenTtl()));
            throw e;
        }
    }

    private boolean matchesStored(String mspId, String hash, Instant now) {
        String stored = users.findBootstrapTokenHash(mspId, now).orElse(NO_TOKEN);
        return MessageDigest.isEqual(
                hash.getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
    }

    private static ApiException invalidToken(String mspId) {
        return new ApiException(
                ErrorCode.BOOTSTRAP_TOKEN_INVALID, "The bootstrap token of " + mspId + " is wrong, spent or expired");
    }
}
