package org.biotdm.protocol.signature;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * ECDSA (FIPS 186-4 §6, SEC 1 v2 §4.1) on NIST P-256 (secp256r1, SEC 2 §2.4.2) over SHA-256, the signature of
 * {@code biotdm-telemetry-v1} batches and {@code biotdm-receipt-v1} receipts, with BouncyCastle's low-level {@link
 * ECDSASigner}: no JCA provider lookup, and the public point's precomputed multiplication table is reused for as long
 * as the caller keeps its {@link ECPublicKeyParameters}, which matters on the gateway's ingest path.
 *
 * <p>Signature encodings: the raw 64 bytes {@code r||s} (IEEE P1363, each half big-endian and zero-padded; what
 * BearSSL's {@code br_ecdsa_*_sign_raw} writes) or the ASN.1 DER {@code ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s
 * INTEGER }} of RFC 3279 §2.2.3, strictly DER (BouncyCastle's {@link StandardDSAEncoding} re-encodes and compares).
 * Exactly 64 bytes are read as raw, anything else as DER. Both halves of the group order are accepted for {@code s}
 * (no low-S rule): constrained devices do not normalise, and duplicate detection hashes the signed content, not the
 * signature. Stateless and thread-safe.
 */
public final class EcdsaP256 {
    /** The curve's name in JCA and BouncyCastle. */
    public static final String CURVE = "secp256r1";

    /** Length of a raw {@code r||s} signature in bytes. */
    public static final int RAW_LENGTH = 64;

    private static final X9ECParameters P256 = CustomNamedCurves.getByName(CURVE);

    /** The P-256 domain on BouncyCastle's optimised curve implementation. */
    public static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH(), P256.getSeed());

    private EcdsaP256() {}

    /**
     * Verifies a signature over a digest.
     *
     * @param key a P-256 public key
     * @param digest the SHA-256 digest of the signed bytes, 32 bytes
     * @param signature raw {@code r||s} when 64 bytes, otherwise DER
     * @return true when the signature is well-formed, {@code r} and {@code s} lie in {@code 1…n−1}, and it is valid for
     *     the key and digest; false otherwise, never an exception for malformed input
     */
    public static boolean verify(ECPublicKeyParameters key, byte[] digest, byte[] signature) {
        BigInteger[] rs = decode(signature);
        if (rs == null || !inRange(rs[0]) || !inRange(rs[1])) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(digest, rs[0], rs[1]);
    }

    /**
     * Signs a message with a deterministic nonce (RFC 6979 §3.2 with HMAC-SHA-256): the same key and message always
     * give the same signature, and no random source is needed.
     *
     * @param key a P-256 private key
     * @param message the bytes to sign, for example a canonical telemetry text
     * @return the raw 64-byte {@code r||s}; {@code s} is not normalised
     */
    public static byte[] sign(ECPrivateKeyParameters key, byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(sha256(message));
        return encodeRaw(rs[0], rs[1]);
    }

    /**
     * Decodes a signature into {@code r} and {@code s}.
     *
     * @param signature raw {@code r||s} when 64 bytes, otherwise DER
     * @return {@code {r, s}}, or null when the bytes are null, or neither 64 raw bytes nor strict DER of two
     *     non-negative integers with nothing after
     */
    public static BigInteger[] decode(byte[] signature) {
        if (signature == null) {
            return null;
        }
        if (signature.length == RAW_LENGTH) {
            return new BigInteger[] {
                new BigInteger(1, signature, 0, RAW_LENGTH / 2),
                new BigInteger(1, signature, RAW_LENGTH / 2, RAW_LENGTH / 2)
            };
        }
        try {
            // No order given: the range check is verify's, so that decode also reads out-of-range values.
            return StandardDSAEncoding.INSTANCE.decode(null, signature);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Encodes {@code r} and {@code s} as DER {@code ECDSA-Sig-Value}.
     *
     * @param r r, 1…n−1
     * @param s s, 1…n−1
     * @return the DER bytes (8 to 72 bytes)
     * @throws IllegalArgumentException when a value is out of range
     */
    public static byte[] encodeDer(BigInteger r, BigInteger s) {
        try {
            return StandardDSAEncoding.INSTANCE.encode(DOMAIN.getN(), r, s);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers failed", e);
        }
    }

    /**
     * Encodes {@code r} and {@code s} as raw {@code r||s}.
     *
     * @param r r, 1…n−1
     * @param s s, 1…n−1
     * @return 64 bytes
     * @throws IllegalArgumentException when a value is out of range
     */
    public static byte[] encodeRaw(BigInteger r, BigInteger s) {
        return PlainDSAEncoding.INSTANCE.encode(DOMAIN.getN(), r, s);
    }

    /**
     * Reads a P-256 public key from PEM.
     *
     * @param pem one PEM {@code PUBLIC KEY} block (an X.509 {@code SubjectPublicKeyInfo}, RFC 5480)
     * @return the key, or null when the text is missing, malformed, or not a P-256 key
     */
    public static ECPublicKeyParameters publicKeyFromPem(String pem) {
        PemObject object = readPem(pem, "PUBLIC KEY");
        if (object == null) {
            return null;
        }
        try {
            if (PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(object.getContent()))
                            instanceof ECPublicKeyParameters ec
                    && ec.getParameters().getN().equals(DOMAIN.getN())) {
                return new ECPublicKeyParameters(ec.getQ(), DOMAIN);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads a P-256 private key from PKCS#8 PEM (RFC 5958, {@code PRIVATE KEY}).
     *
     * @param pem the PEM text
     * @return the key, or null when the text holds no P-256 private key in PKCS#8
     */
    public static ECPrivateKeyParameters privateKeyFromPem(String pem) {
        PemObject object = readPem(pem, "PRIVATE KEY");
        if (object == null) {
            return null;
        }
        try {
            if (PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(object.getContent()))
                            instanceof ECPrivateKeyParameters ec
                    && ec.getParameters().getN().equals(DOMAIN.getN())) {
                return new ECPrivateKeyParameters(ec.getD(), DOMAIN);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Returns the SHA-256 digest of some bytes (FIPS 180-4).
     *
     * @param data the bytes
     * @return 32 bytes
     */
    public static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private static boolean inRange(BigInteger value) {
        return value.signum() > 0 && value.compareTo(DOMAIN.getN()) < 0;
    }

    private static PemObject readPem(String pem, String type) {
        if (pem == null) {
            return null;
        }
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            return object != null && type.equals(object.getType()) ? object : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
