package org.biotdm.chaincode.command;

import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.P256Signatures;

/**
 * Verifies a device's ECDSA P-256/SHA-256 signature over a {@link CanonicalReceipt} with the JDK's provider.
 * Verification is deterministic, so every endorser reaches the same verdict.
 */
public final class ReceiptVerifier {
    /** Length of a raw {@code r||s} P-256 signature, which constrained devices often produce. */
    public static final int RAW_SIGNATURE_LENGTH = P256Signatures.RAW_SIGNATURE_LENGTH;

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
        final boolean valid = P256Signatures.valid(publicKeyPem, receipt, signature);
        if (!valid) {
            throw ErrorCode.RECEIPT_SIGNATURE_INVALID.error(
                    "The receipt signature does not verify against the device's registered key");
        }
    }
}
