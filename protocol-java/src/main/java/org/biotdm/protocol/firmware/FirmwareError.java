package org.biotdm.protocol.firmware;

/**
 * Why a firmware manifest or image is refused, in the order of the verification steps of {@code
 * protocol/firmware-manifest-v1.md}: the first step that fails names the error. Each constant's {@link #code()} is
 * the catalogue code ({@code protocol/errors.md}) that the gateway, the chaincode and devices report.
 */
public enum FirmwareError {
    /** Step 1: a field is missing, of the wrong JSON type, or outside its syntax; or {@code format} is not v1. */
    FIRMWARE_MANIFEST_INVALID,
    /** Step 2: the manifest carries no signature. */
    FIRMWARE_UNSIGNED,
    /** Step 3: {@code keyId} names no firmware-signing key trusted for the model's manufacturer. */
    FIRMWARE_SIGNING_KEY_UNKNOWN,
    /** Step 4: the signature is not base64 of a DER or raw P-256 signature, or does not verify. */
    FIRMWARE_SIGNATURE_INVALID,
    /** Step 5: the manifest's model is not the device's model. */
    FIRMWARE_MODEL_MISMATCH,
    /** Step 6: the manifest's sequence number is not higher than the installed firmware's. */
    FIRMWARE_DOWNGRADE,
    /** Step 7: the image is shorter or longer than the manifest's {@code size}. */
    FIRMWARE_IMAGE_SIZE_MISMATCH,
    /** Step 8: the image's SHA-256 differs from the manifest's {@code sha256}. */
    FIRMWARE_IMAGE_HASH_MISMATCH;

    /**
     * Returns the catalogue code.
     *
     * @return the constant's name, for example {@code FIRMWARE_DOWNGRADE}
     */
    public String code() {
        return name();
    }
}
