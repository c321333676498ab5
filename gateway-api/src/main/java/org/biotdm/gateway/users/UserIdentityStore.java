package org.biotdm.gateway.users;

import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;

/**
 * Loads each signed-in person's Fabric identity from the {@code users} table and decrypts its key once, keeping it in
 * memory (one entry per person who used the ledger since start; a few hundred bytes each).
 */
@Singleton
final class UserIdentityStore implements UserLedgerIdentities {
    private final UserRepository users;
    private final KeyVault vault;
    private final Map<Long, LedgerIdentity> cache = new ConcurrentHashMap<>();

    /**
     * Creates the store.
     *
     * @param users the user store
     * @param vault decrypts the keys
     */
    public UserIdentityStore(UserRepository users, KeyVault vault) {
        this.users = users;
        this.vault = vault;
    }

    @Override
    public LedgerIdentity identityOf(ApiUser user) throws LedgerException {
        LedgerIdentity cached = cache.get(user.userId());
        if (cached != null) {
            return cached;
        }
        StoredUser stored;
        try {
            stored = users.findById(user.userId()).orElse(null);
        } catch (ApiException e) {
            throw unavailable("the user store cannot be read", e);
        }
        if (stored == null || !stored.enabled() || !stored.username().equals(user.username())) {
            throw new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.ACCESS_DENIED,
                    "The user " + user.username() + " is disabled or no longer exists",
                    null,
                    null);
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(stored.certificatePem().getBytes(StandardCharsets.US_ASCII)));
            PrivateKey key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(vault.decrypt(stored.keyCiphertext(), stored.username())));
            LedgerIdentity identity = new LedgerIdentity(stored.mspId(), certificate, key);
            cache.put(user.userId(), identity);
            return identity;
        } catch (GeneralSecurityException e) {
            throw unavailable(
                    "the Fabric key of " + user.username() + " cannot be decrypted (wrong key-encryption-key?)", e);
        }
    }

    /**
     * Forgets a person's identity, for example after they were disabled.
     *
     * @param userId the user ID
     */
    public void evict(long userId) {
        cache.remove(userId);
    }

    /**
     * Tells whether a person's identity is held in memory now (for tests).
     *
     * @param userId the user ID
     * @return true when cached
     */
    boolean caches(long userId) {
        return cache.containsKey(userId);
    }

    private static LedgerException unavailable(String message, Exception cause) {
        return new LedgerException(
                LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, message, null, cause);
    }
}
