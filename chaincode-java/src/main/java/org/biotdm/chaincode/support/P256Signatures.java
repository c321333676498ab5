package org.biotdm.chaincode.support;

import java.security.GeneralSecurityException;
import java.security.Signature;

/**
 * Checks ECDSA P-256/SHA-256 signatures (FIPS 186-4 §6) with the JDK's provider, as devices and manufacturers send
 * them: strict DER {@code ECDSA-Sig-Value} (RFC 3279 §2.2.3), or raw {@code r||s} (IEEE P1363) when exactly 64 bytes.
 * Verification is deterministic, so every endorser reaches the same verdict.
 */
public final class P256Signatures {
    /** Length of a raw {@code r||s} P-256 signature, which constrained devices often produce. */
    public static final int RAW_SIGNATURE_LENGTH = 64;

    private P256Signatures() {}

    /**
     * Tells whether a signature verifies.
     *
     * @param publicKeyPem a P-256 public key, canonical PEM ({@link DeviceKeys#canonicalPem})
     * @param signed the signed bytes
     * @param signature the signature: raw when 64 bytes, otherwise DER
     * @return true when valid; false for a malformed or wrong signature
     */
    public static boolean valid(final String publicKeyPem, final byte[] signed, final byte[] signature) {
        final String algorithm =
                signature.length == RAW_SIGNATURE_LENGTH ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA";
        try {
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(DeviceKeys.publicKey(publicKeyPem));
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
