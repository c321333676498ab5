package org.biotdm.chaincode.command;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.biotdm.chaincode.support.DeviceKeys;
import org.biotdm.chaincode.support.ErrorCode;

/**
 * Verifies a device's ECDSA P-256/SHA-256 signature over a {@link CanonicalReceipt} with the JDK's provider.
 * Verification is deterministic, so every endorser reaches the same verdict.
 */
public final class ReceiptVerifier {
    /** Length of a raw {@code r||s} P-256 signature, which constrained devices often produce. */
    public static final int RAW_SIGNATURE_LENGTH = 64;

    private ReceiptVerifier() {}

    /**
     * Checks a receipt signature against a device key.
     *
     * @param publicKeyPem the device's registered key, canonical PEM
     * @param receipt the canonical receipt bytes
     * @param signature the signature: ASN.1 DER, or raw {@code r||s} when exactly 64 bytes
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code RECEIPT_SIGNATURE_INVALID} when it does not
     *     verify
     */
    public static void verify(final String publicKeyPem, final byte[] receipt, final byte[] signature) {
        final PublicKey key = DeviceKeys.publicKey(publicKeyPem);
        final String algorithm =
                signature.length == RAW_SIGNATURE_LENGTH ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA";
        boolean valid;
        try {
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(receipt);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw ErrorCode.RECEIPT_SIGNATURE_INVALID.error(
                    "The receipt signature does not verify against the device's registered key");
        }
    }
}
