package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.bouncycastle.util.io.pem.PemObject;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Creates people, checks their passwords and issues their tokens.
 *
 * <ul>
 *   <li>Passwords are hashed with Argon2id (RFC 9106; Spring Security's encoder with its v5.8 defaults: 16-byte
 *       salt, 32-byte hash, 1 lane, 16 MiB, 2 iterations), stored in PHC string format.
 *   <li>Each new person gets a P-256 key and a Fabric identity of their organisation, enrolled through {@link
 *       FabricEnroller} with {@code biotdm.role} = their role; the key is stored encrypted ({@link KeyVault}).
 *   <li>Access tokens are ES256 JWTs (RFC 7519) carrying the username ({@code sub}), the role ({@code roles}) and the
 *       claims {@code uid}, {@code msp}, {@code fid}; refresh tokens are 256-bit random strings, stored as SHA-256,
 *       rotated on every use.
 * </ul>
 */
@Singleton
public class UserService {
    /** Allowed login names. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The longest password accepted, in UTF-16 chars; longer ones are refused before any hashing. */
    static final int MAX_PASSWORD_CHARS = 256;

    /** The longest username, in chars (usernames are {@code [a-z0-9._-]}). */
    static final int MAX_USERNAME_CHARS = 64;

    private final UsersConfiguration configuration;
    private final UserRepository users;
    private final KeyVault vault;
    private final FabricEnroller enroller;
    private final TokenGenerator tokens;
    private final TokenStates tokenStates;
    private final TokenRevocations revocations;
    private final Argon2PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String dummyHash;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param configuration the users settings
     * @param users the user store
     * @param vault encrypts users' Fabric keys
     * @param enroller enrols users' Fabric identities
     * @param tokens Micronaut Security's JWT generator
     * @param tokenStates gives the token version a new access token carries
     * @param revocations ends a person's access tokens, cached identity and live sessions on every instance
     */
    public UserService(
            UsersConfiguration configuration,
            UserRepository users,
            KeyVault vault,
            FabricEnroller enroller,
            TokenGenerator tokens,
            TokenStates tokenStates,
            TokenRevocations revocations) {
        this.configuration = configuration;
        this.users = users;
        this.vault = vault;
        this.enroller = enroller;
        this.tokens = tokens;
        this.tokenStates = tokenStates;
        this.revocations = revocations;
        this.clock = Clock.systemUTC();
        this.dummyHash = passwords.encode("not a password of anyone");
    }

    /**
     * Creates a person with a Fabric identity of their organisation.
     *
     * @param creator the admin creating them (their organisation is the new person's), or null for a bootstrap
     * @param mspId the organisation's MSP ID (must be the creator's when a creator is given)
     * @param username the login name, {@link #USERNAME}
     * @param password the password, at least {@code biotdm.users.password-min-length} characters, at most 256
     * @param role the role
     * @return the new person
     * @throws ApiException 400 {@code INVALID_ARGUMENT} (username, password, organisation); 403
     *     {@code ACCESS_DENIED} when the creator is no admin of that organisation; 409 {@code USER_EXISTS}; 502
     *     {@code ENROLLMENT_FAILED} when the CA refuses; 503 {@code ENROLLMENT_UNAVAILABLE} or {@code
     *     DATABASE_UNAVAILABLE}
     */
    public ApiUser createUser(@Nullable ApiUser creator, String mspId, String username, String password, ApiRole role) {
        if (creator != null && (!creator.is(ApiRole.ADMIN) || !creator.mspId().equals(mspId))) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Admins create people of their own organisation only");
        }
        if (mspId == null || !MSP_ID.matcher(mspId).matches() || !servesOrganisation(mspId)) {
            throw ApiException.invalid("mspId", "Unknown organisation (MSP ID) " + mspId);
        }
        checkUsername(username);
        checkPassword("body.password", password);
        if (users.findByUsername(username).isPresent()) {
            throw new ApiException(ErrorCode.USER_EXISTS, "The username " + username + " is taken");
        }
        KeyPair key = PemKeys.newP256();
        X509Certificate certificate = enroll(mspId, username, key, role);
        String fabricId =
                "x509::" + certificate.getSubjectX500Principal() + "::" + certificate.getIssuerX500Principal();
        StoredUser user = new StoredUser(
                0,
                username,
                mspId,
                role,
                passwords.encode(password),
                fabricId,
                PemKeys.pem(new PemObject("CERTIFICATE", encoded(certificate))),
                vault.encrypt(key.getPrivate().getEncoded(), username),
                true);
        long id = users.insert(user, creator == null ? null : creator.userId());
        return new ApiUser(id, username, mspId, role, fabricId);
    }

    /**
     * Checks a username and password.
     *
     * @param username the login name
     * @param password the password
     * @return the person, or empty when the name is unknown, the person disabled or the password wrong (one answer
     *     for all three, in about the same time)
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public Optional<ApiUser> authenticate(String username, String password) {
        Optional<StoredUser> user = username == null || username.length() > MAX_USERNAME_CHARS
                ? Optional.empty()
                : users.findByUsername(username);
        String hash = user.map(StoredUser::passwordHash).orElse(dummyHash);
        boolean matches =
                password != null && password.length() <= MAX_PASSWORD_CHARS && passwords.matches(password, hash);
        if (!matches || user.isEmpty() || !user.get().enabled()) {
            return Optional.empty();
        }
        return Optional.of(user.get().toApiUser());
    }

    /**
     * Issues an access token and a refresh token.
     *
     * @param user the person
     * @return the tokens
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public TokenResponse issueTokens(ApiUser user) {
        Authentication authentication = Authentication.build(
                user.username(),
                List.of(user.role().value()),
                Map.of(
                        ApiUser.CLAIM_USER_ID, user.userId(),
                        ApiUser.CLAIM_MSP, user.mspId(),
                        ApiUser.CLAIM_FABRIC_ID, user.fabricId(),
                        TokenStates.CLAIM_VERSION, tokenStates.currentVersion(user.userId())));
        int ttl = (int) configuration.accessTokenTtl().toSeconds();
        String access = tokens.generateToken(authentication, ttl)
                .orElseThrow(() -> new IllegalStateException("the JWT generator produced no token"));
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        users.insertRefreshToken(sha256(refresh), user.userId(), clock.instant().plus(configuration.refreshTokenTtl()));
        return new TokenResponse(access, "Bearer", ttl, refresh, UserView.of(user));
    }

    /**
     * Exchanges a refresh token for new tokens; the presented token is spent.
     *
     * @param refreshToken the refresh token
     * @return new tokens
     * @throws ApiException 401 {@code AUTH_INVALID} when the token is unknown, spent or expired, or its person is
     *     disabled; 503 {@code DATABASE_UNAVAILABLE}
     */
    public TokenResponse refresh(String refreshToken) {
        Optional<StoredUser> user = refreshToken == null || refreshToken.length() > 128
                ? Optional.empty()
                : users.consumeRefreshToken(sha256(refreshToken), clock.instant())
                        .flatMap(users::findById);
        if (user.isEmpty() || !user.get().enabled()) {
            throw new ApiException(ErrorCode.AUTH_INVALID, "The refresh token is unknown, spent or expired");
        }
        return issueTokens(user.get().toApiUser());
    }

    /**
     * Spends a refresh token (sign-out); unknown tokens are ignored.
     *
     * @param refreshToken the refresh token
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public void revoke(String refreshToken) {
        if (refreshToken != null && refreshToken.length() <= 128) {
            users.consumeRefreshToken(sha256(refreshToken), clock.instant());
        }
    }

    /**
     * Changes a person's own password and signs them out everywhere: refresh tokens are deleted and access tokens
     * revoked ({@link TokenRevocations}), so they sign in again with the new password.
     *
     * @param user the person
     * @param currentPassword their current password
     * @param newPassword the new password
     * @throws ApiException 400 {@code INVALID_ARGUMENT} (a weak new password); 400 {@code PASSWORD_MISMATCH} when the current password is
     *     wrong; 503 {@code DATABASE_UNAVAILABLE}
     */
    public void changePassword(ApiUser user, String currentPassword, String newPassword) {
        if (authenticate(user.username(), currentPassword).isEmpty()) {
            throw new ApiException(ErrorCode.PASSWORD_MISMATCH, "The current password is wrong");
        }
        checkPassword("body.newPassword", newPassword);
        users.updatePassword(user.userId(), passwords.encode(newPassword));
        revocations.revoke(user.userId(), user.username());
    }

    /**
     * Lists the people of the admin's organisation.
     *
     * @param admin the admin
     * @return the people, by username
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public List<UserView> list(ApiUser admin) {
        return users.listByMsp(admin.mspId()).stream()
                .map(u -> UserView.of(u.toApiUser(), u.enabled()))
                .toList();
    }

    /**
     * Enables or disables a person of the admin's organisation. A disabled person cannot sign in or refresh, and their
     * access tokens are revoked ({@link TokenRevocations}): refused on this instance at once and on every other within
     * {@code biotdm.users.token-state-ttl}, as are their live-event sessions and cached Fabric identity.
     *
     * @param admin the admin
     * @param username the person
     * @param enabled the new state
     * @return the person
     * @throws ApiException 404 {@code USER_NOT_FOUND} (also for people of other organisations); 409 {@code
     *     USER_IS_SELF} when admins disable themselves; 503 {@code DATABASE_UNAVAILABLE}
     */
    public UserView setEnabled(ApiUser admin, String username, boolean enabled) {
        StoredUser user = users.findByUsername(username)
                .filter(u -> u.mspId().equals(admin.mspId()))
                .orElseThrow(() ->
                        new ApiException(ErrorCode.USER_NOT_FOUND, "No user " + username + " in " + admin.mspId()));
        if (user.id() == admin.userId() && !enabled) {
            throw new ApiException(ErrorCode.USER_IS_SELF, "Admins cannot disable themselves");
        }
        users.setEnabled(user.id(), enabled);
        if (enabled) {
            tokenStates.forget(user.id());
        } else {
            revocations.revoke(user.id(), user.username());
        }
        return UserView.of(user.toApiUser(), enabled);
    }

    /**
     * Finds a person by username.
     *
     * @param username the login name
     * @return the person, or empty
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public Optional<ApiUser> find(String username) {
        return users.findByUsername(username).filter(StoredUser::enabled).map(StoredUser::toApiUser);
    }

    /**
     * Tells whether this gateway serves an organisation's people: listed in {@code biotdm.users.organisations}, or
     * (when that is empty) the gateway's own ledger organisation with a registrar secret ({@link RegistrarSecrets}).
     *
     * @param mspId the MSP ID
     * @return true when served
     */
    public boolean servesOrganisation(String mspId) {
        return organisations().contains(mspId);
    }

    /**
     * Lists the organisations this gateway serves.
     *
     * @return the MSP IDs
     */
    public List<String> organisations() {
        if (!configuration.organisations().isEmpty()) {
            return configuration.organisations();
        }
        return List.copyOf(enroller.organisations());
    }

    /**
     * Returns the lowercase hex SHA-256 of a token's UTF-8 bytes.
     *
     * @param token the token
     * @return 64 hex digits
     */
    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.invalid(
                    "body.username",
                    "A username is 3 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
    }

    private void checkPassword(String field, String password) {
        if (password == null
                || password.codePointCount(0, password.length()) < configuration.passwordMinLength()
                || password.length() > MAX_PASSWORD_CHARS) {
            throw ApiException.invalid(
                    field,
                    "A password has " + configuration.passwordMinLength() + " to " + MAX_PASSWORD_CHARS
                            + " characters");
        }
    }

    private X509Certificate enroll(String mspId, String username, KeyPair key, ApiRole role) {
        String csr = PemKeys.csrPem(username, key);
        String certificatePem;
        try {
            certificatePem = enroller.enroll(mspId, username, csr, Map.of("biotdm.role", role.value()));
        } catch (FabricEnroller.EnrollmentFailedException e) {
            throw e.unavailable()
                    ? new ApiException(ErrorCode.ENROLLMENT_UNAVAILABLE, e.getMessage(), null, 5, e)
                    : new ApiException(ErrorCode.ENROLLMENT_FAILED, e.getMessage());
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new ApiException(ErrorCode.ENROLLMENT_FAILED, "The CA answered with no usable certificate");
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }
}
