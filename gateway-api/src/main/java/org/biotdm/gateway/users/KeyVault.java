package org.biotdm.gateway.users;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.security.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts users' Fabric private keys at rest with AES-256-GCM (NIST SP 800-38D): a fresh 96-bit nonce per key, a
 * 128-bit tag, and the owner's username as additional authenticated data, so a ciphertext moved to another user's
 * row does not decrypt. Stored form: {@code nonce (12 bytes) || ciphertext || tag}.
 *
 * <p>The 32-byte key comes from {@code biotdm.users.key-encryption-key} (base64). Without it a key is generated on
 * first start into {@code <data-dir>/users/key-encryption.key} (owner-only), which suits development only.
 */
@Singleton
final class KeyVault {
    private static final Logger LOG = LoggerFactory.getLogger(KeyVault.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the vault.
     *
     * @param configuration the users settings
     * @param dataDir the service's data directory
     * @throws IllegalArgumentException when the configured key is not base64 of 32 bytes
     * @throws UncheckedIOException when the generated key file cannot be read or written
     */
    public KeyVault(UsersConfiguration configuration, DataDirectory dataDir) {
        this.key = new SecretKeySpec(keyBytes(configuration, dataDir), "AES");
    }

    /**
     * Encrypts a private key.
     *
     * @param plaintext the PKCS#8 bytes
     * @param owner the username the key belongs to (authenticated, not stored)
     * @return nonce, ciphertext and tag
     */
    public byte[] encrypt(byte[] plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Decrypts a private key.
     *
     * @param stored nonce, ciphertext and tag as {@link #encrypt} wrote them
     * @param owner the username the key belongs to
     * @return the PKCS#8 bytes
     * @throws GeneralSecurityException when the tag does not verify (wrong key, wrong owner or tampered data)
     */
    public byte[] decrypt(byte[] stored, String owner) throws GeneralSecurityException {
        if (stored.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("ciphertext too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }

    private byte[] keyBytes(UsersConfiguration configuration, DataDirectory dataDir) {
        if (configuration.keyEncryptionKey() != null
                && !configuration.keyEncryptionKey().isBlank()) {
            return decode(configuration.keyEncryptionKey(), "biotdm.users.key-encryption-key");
        }
        Path file = dataDir.resolve("users", "key-encryption.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            SecretFiles.write(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            LOG.warn(
                    "Generated the key that encrypts users' Fabric keys in {}; production sets "
                            + "biotdm.users.key-encryption-key (BIOTDM_USERS_KEY_ENCRYPTION_KEY) instead",
                    file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(source + " must hold 32 bytes (AES-256), not " + bytes.length);
        }
        return bytes;
    }
}
