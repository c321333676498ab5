package org.biotdm.devnet.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Signs and verifies ECDSA P-256 signatures the way Fabric does: SHA-256 of the message, DER-encoded {@code (r, s)},
 * and {@code s} normalised to the lower half of the curve order on signing and required there on verification
 * (Fabric's {@code bccsp/sw/ecdsa.go} and {@code bccsp/utils/ecdsa.go}, fabric-gateway's {@code ECPrivateKeySigner}).
 *
 * <p>This class uses BouncyCastle's low-level {@link ECDSASigner} rather than the JDK's provider, which is about ten
 * times slower. Converting a JCA key to BouncyCastle parameters costs more than a signature, so converted keys are
 * cached by key; the cached public point also keeps BouncyCastle's precomputed multiplication table. All methods are
 * thread-safe.
 */
public final class Ecdsa {
    /** The most distinct keys whose converted parameters are kept; beyond it the cache starts again. */
    private static final int MAX_CACHED_KEYS = 4096;

    /** The order n of NIST P-256 (SEC 2 §2.4.2). */
    static final BigInteger P256_ORDER =
            CustomNamedCurves.getByName("secp256r1").getN();

    private static final Map<PublicKey, ECPublicKeyParameters> PUBLIC_KEYS = new ConcurrentHashMap<>();
    private static final Map<PrivateKey, ECPrivateKeyParameters> PRIVATE_KEYS = new ConcurrentHashMap<>();

    private Ecdsa() {}

    /**
     * Generates a new EC key pair on NIST P-256 (secp256r1).
     *
     * @return the key pair
     */
    public static KeyPair generateP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is unavailable", e);
        }
    }

    /**
     * Signs a message with ECDSA over its SHA-256 digest, using deterministic nonces (RFC 6979) as fabric-gateway
     * does, and returns the DER signature with {@code s <= n/2}.
     *
     * @param key the EC private key
     * @param message the bytes to sign
     * @return the DER-encoded low-S signature
     * @throws IllegalArgumentException when the key is not an EC private key
     */
    public static byte[] sign(PrivateKey key, byte[] message) {
        return signDigest(key, Hashes.sha256(message));
    }

    /**
     * Signs an already computed SHA-256 digest, as a fabric-gateway {@code Signer} is asked to, with deterministic
     * nonces (RFC 6979) and a low-S DER result.
     *
     * @param key the EC private key
     * @param digest the 32-byte SHA-256 digest of the signed message
     * @return the DER-encoded low-S signature
     * @throws IllegalArgumentException when the key is not an EC private key
     */
    public static byte[] signDigest(PrivateKey key, byte[] digest) {
        ECPrivateKeyParameters parameters = privateParameters(key);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, parameters);
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger order = parameters.getParameters().getN();
        BigInteger s = rs[1];
        if (s.compareTo(order.shiftRight(1)) > 0) {
            s = order.subtract(s);
        }
        return encodeDer(order, rs[0], s);
    }

    /**
     * Verifies a DER-encoded ECDSA signature over the SHA-256 digest of a message. Like Fabric's BCCSP it rejects
     * signatures whose {@code s} lies in the upper half of the curve order. It never throws for a malformed
     * signature or a key that is not an EC key: it returns false.
     *
     * @param key the EC public key
     * @param message the signed bytes
     * @param derSignature the DER-encoded {@code ECDSA-Sig-Value}
     * @return true when the signature is well-formed, low-S and valid for the key and message
     */
    public static boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
        if (key == null || message == null || derSignature == null) {
            return false;
        }
        BigInteger[] rs = decodeDer(derSignature);
        if (rs == null) {
            return false;
        }
        ECPublicKeyParameters parameters;
        try {
            parameters = publicParameters(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
        BigInteger order = parameters.getParameters().getN();
        if (rs[1].compareTo(order.shiftRight(1)) > 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, parameters);
        return verifier.verifySignature(Hashes.sha256(message), rs[0], rs[1]);
    }

    /**
     * Tells whether a DER signature is well-formed and its {@code s} value is at most half the P-256 order.
     *
     * @param derSignature the DER-encoded signature
     * @return true when the signature parses and is low-S
     */
    public static boolean isLowS(byte[] derSignature) {
        BigInteger[] rs = decodeDer(derSignature);
        return rs != null && rs[1].compareTo(P256_ORDER.shiftRight(1)) <= 0;
    }

    /**
     * Encodes {@code (r, s)} as the DER {@code ECDSA-Sig-Value} of RFC 3279 §2.2.3, with BouncyCastle.
     *
     * @param order the curve order; r and s must lie below it
     * @param r r
     * @param s s
     * @return the DER bytes
     */
    static byte[] encodeDer(BigInteger order, BigInteger r, BigInteger s) {
        try {
            return StandardDSAEncoding.INSTANCE.encode(order, r, s);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers failed", e);
        }
    }

    /**
     * Decodes a DER {@code ECDSA-Sig-Value} strictly (BouncyCastle re-encodes and compares, so non-minimal integers,
     * other lengths and trailing bytes are refused), with both values below the P-256 order.
     *
     * @param der the signature, may be null
     * @return {@code {r, s}}, or null when the bytes are not such a signature
     */
    static BigInteger[] decodeDer(byte[] der) {
        if (der == null) {
            return null;
        }
        try {
            return StandardDSAEncoding.INSTANCE.decode(P256_ORDER, der);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ECPublicKeyParameters publicParameters(PublicKey key) {
        ECPublicKeyParameters cached = PUBLIC_KEYS.get(key);
        if (cached != null) {
            return cached;
        }
        ECPublicKeyParameters converted;
        try {
            if (!(PublicKeyFactory.createKey(key.getEncoded()) instanceof ECPublicKeyParameters ec)) {
                throw new IllegalArgumentException("not an EC public key: " + key.getAlgorithm());
            }
            converted = ec;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid EC public key", e);
        }
        if (PUBLIC_KEYS.size() >= MAX_CACHED_KEYS) {
            PUBLIC_KEYS.clear();
        }
        PUBLIC_KEYS.put(key, converted);
        return converted;
    }

    private static ECPrivateKeyParameters privateParameters(PrivateKey key) {
        ECPrivateKeyParameters cached = PRIVATE_KEYS.get(key);
        if (cached != null) {
            return cached;
        }
        ECPrivateKeyParameters converted;
        try {
            if (!(PrivateKeyFactory.createKey(key.getEncoded()) instanceof ECPrivateKeyParameters ec)) {
                throw new IllegalArgumentException("not an EC private key: " + key.getAlgorithm());
            }
            converted = ec;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid EC private key", e);
        }
        if (PRIVATE_KEYS.size() >= MAX_CACHED_KEYS) {
            PRIVATE_KEYS.clear();
        }
        PRIVATE_KEYS.put(key, converted);
        return converted;
    }
}
