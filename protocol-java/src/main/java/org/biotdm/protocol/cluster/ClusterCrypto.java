package org.biotdm.protocol.cluster;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * The primitives of {@code biotdm-cluster-keys-v1} on BouncyCastle's low-level API: ephemeral P-256 keys and ECDH
 * (SEC 1 v2 §3.3.1, the shared secret is the x-coordinate), HKDF-SHA256 (RFC 5869) and AES-256-GCM with 96-bit nonces
 * and 128-bit tags (NIST SP 800-38D). Stateless and thread-safe.
 */
public final class ClusterCrypto {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterCrypto() {}

    /**
     * Generates an ephemeral P-256 key pair from the system's strong random source.
     *
     * @return the pair; its public point is {@link #encodePoint(ECPublicKeyParameters) encoded} as {@code G_X} or
     *     {@code G_Y}
     */
    public static AsymmetricCipherKeyPair ephemeral() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(EcdsaP256.DOMAIN, RANDOM));
        return generator.generateKeyPair();
    }

    /**
     * Builds the key pair of a fixed scalar (test vectors only).
     *
     * @param scalar the private scalar, 1…n−1
     * @return the pair
     */
    public static AsymmetricCipherKeyPair fromScalar(BigInteger scalar) {
        ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(scalar, EcdsaP256.DOMAIN);
        ECPoint point = EcdsaP256.DOMAIN.getG().multiply(scalar).normalize();
        return new AsymmetricCipherKeyPair(new ECPublicKeyParameters(point, EcdsaP256.DOMAIN), privateKey);
    }

    /**
     * Encodes a public point uncompressed (SEC 1 v2 §2.3.3).
     *
     * @param key the public key
     * @return {@code 04 ‖ x ‖ y}, 65 bytes
     */
    public static byte[] encodePoint(ECPublicKeyParameters key) {
        return key.getQ().getEncoded(false);
    }

    /**
     * Decodes and validates an uncompressed P-256 point.
     *
     * @param encoded {@code 04 ‖ x ‖ y}
     * @return the key
     * @throws ClusterRefusedException {@code CLUSTER_EXCHANGE_INVALID} when the bytes are not 65 bytes starting with
     *     {@code 04}, or not a point of the curve other than infinity
     */
    public static ECPublicKeyParameters decodePoint(byte[] encoded) {
        if (encoded == null || encoded.length != ClusterLimits.POINT_BYTES || encoded[0] != 0x04) {
            throw invalid("an ECDH share must be an uncompressed P-256 point of 65 bytes");
        }
        try {
            ECPoint point = EcdsaP256.DOMAIN.getCurve().decodePoint(encoded);
            return new ECPublicKeyParameters(EcdsaP256.DOMAIN.validatePublicPoint(point), EcdsaP256.DOMAIN);
        } catch (IllegalArgumentException e) {
            throw invalid("the ECDH share is not a point of P-256");
        }
    }

    /**
     * Computes the ECDH shared secret.
     *
     * @param own the own private key
     * @param peer the peer's public key
     * @return the x-coordinate of the shared point, 32 bytes big-endian
     */
    public static byte[] agree(ECPrivateKeyParameters own, ECPublicKeyParameters peer) {
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(own);
        return BigIntegers.asUnsignedByteArray(ClusterLimits.KEY_BYTES, agreement.calculateAgreement(peer));
    }

    /**
     * Derives 32 bytes with HKDF-SHA256 (RFC 5869 §2: extract, then expand).
     *
     * @param ikm the input keying material
     * @param salt the salt
     * @param info the context
     * @return 32 bytes of output keying material
     */
    public static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[ClusterLimits.KEY_BYTES];
        generator.generateBytes(out, 0, out.length);
        return out;
    }

    /**
     * Encrypts with AES-256-GCM.
     *
     * @param key the 32-byte key
     * @param nonce the 12-byte nonce, never used twice with the key
     * @param aad the additional authenticated data
     * @param plaintext the plaintext
     * @return ciphertext ‖ 16-byte tag
     */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        GCMModeCipher cipher = gcm(true, key, nonce, aad);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int length = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return out;
    }

    /**
     * Decrypts with AES-256-GCM and checks the tag.
     *
     * @param key the 32-byte key
     * @param nonce the 12-byte nonce
     * @param aad the additional authenticated data
     * @param sealed ciphertext ‖ 16-byte tag
     * @return the plaintext
     * @throws ClusterRefusedException {@code CLUSTER_MESSAGE_INVALID} when the tag does not verify
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        if (sealed.length < ClusterLimits.TAG_BYTES) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_MESSAGE_INVALID, "shorter than an AES-GCM tag");
        }
        GCMModeCipher cipher = gcm(false, key, nonce, aad);
        byte[] out = new byte[cipher.getOutputSize(sealed.length)];
        int length = cipher.processBytes(sealed, 0, sealed.length, out, 0);
        try {
            cipher.doFinal(out, length);
            return out;
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new ClusterRefusedException(ClusterError.CLUSTER_MESSAGE_INVALID, "the AES-GCM tag does not verify");
        }
    }

    /**
     * Returns bytes of the system's strong random source.
     *
     * @param length how many
     * @return the bytes
     */
    public static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static GCMModeCipher gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), ClusterLimits.TAG_BYTES * 8, nonce, aad));
        return cipher;
    }

    static ClusterRefusedException invalid(String message) {
        return new ClusterRefusedException(ClusterError.CLUSTER_EXCHANGE_INVALID, message);
    }
}
