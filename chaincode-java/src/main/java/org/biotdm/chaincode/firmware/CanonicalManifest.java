package org.biotdm.chaincode.firmware;

/**
 * Builds the texts of {@code protocol/firmware-manifest-v1.md} that the chaincode checks signatures over: the
 * manufacturer's manifest ({@code biotdm-firmware-manifest-v1}, seven lines) and the device's installation receipt
 * ({@code biotdm-firmware-receipt-v1}, six lines), each line ended by one line feed (0x0A), no other whitespace.
 * Values are ids, semantic versions, decimal integers and lower-case hex, so the texts are unambiguous. {@code
 * protocol-java} holds the other implementation; both pass the same vectors.
 */
public final class CanonicalManifest {
    /** First line of a receipt. */
    public static final String RECEIPT_FORMAT = "biotdm-firmware-receipt-v1";

    private CanonicalManifest() {}

    /**
     * Builds the manifest text.
     *
     * @param model the model
     * @param version the version
     * @param sequence the sequence number
     * @param size the image size in bytes
     * @param sha256 the image's SHA-256, lower-case hex
     * @param keyId the signing key's ID
     * @return the seven lines
     */
    public static String text(
            final String model,
            final String version,
            final long sequence,
            final long size,
            final String sha256,
            final String keyId) {
        return PublishFirmwareRequest.FORMAT + '\n'
                + "model=" + model + '\n'
                + "version=" + version + '\n'
                + "sequence=" + sequence + '\n'
                + "size=" + size + '\n'
                + "sha256=" + sha256 + '\n'
                + "keyId=" + keyId + '\n';
    }

    /**
     * Builds the installation receipt a device signs after booting a firmware.
     *
     * @param deviceId the device
     * @param firmware the published firmware it runs
     * @return the six lines
     */
    public static String receipt(final String deviceId, final Firmware firmware) {
        return RECEIPT_FORMAT + '\n'
                + "deviceId=" + deviceId + '\n'
                + "model=" + firmware.getModel() + '\n'
                + "version=" + firmware.getVersion() + '\n'
                + "sequence=" + firmware.getSequence() + '\n'
                + "sha256=" + firmware.getSha256() + '\n';
    }
}
