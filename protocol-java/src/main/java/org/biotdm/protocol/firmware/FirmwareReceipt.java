package org.biotdm.protocol.firmware;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The installation receipt {@value #FORMAT} ({@code protocol/firmware-manifest-v1.md}): after rebooting into new
 * firmware a device signs, with its registered P-256 device key, the UTF-8 of exactly these six lines, each ended by
 * one line feed:
 *
 * <pre>
 * biotdm-firmware-receipt-v1
 * deviceId=&lt;device ID&gt;
 * model=&lt;model&gt;
 * version=&lt;installed version&gt;
 * sequence=&lt;installed sequence number&gt;
 * sha256=&lt;installed image's SHA-256&gt;
 * </pre>
 *
 * The gateway checks it, then RecordFirmwareUpdate checks it again on the ledger against the device's current key.
 *
 * @param deviceId the device ID
 * @param model the device's model
 * @param version the installed firmware version
 * @param sequence the installed manifest's sequence number
 * @param sha256 the installed image's SHA-256, 64 lower-case hex digits
 */
public record FirmwareReceipt(String deviceId, String model, String version, long sequence, String sha256) {

    /** The first line, naming the format. */
    public static final String FORMAT = "biotdm-firmware-receipt-v1";

    /**
     * Creates a receipt.
     *
     * @throws NullPointerException when a text field is null
     */
    public FirmwareReceipt {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * Builds the receipt of an installed manifest.
     *
     * @param deviceId the device ID
     * @param manifest the manifest that was installed
     * @return the receipt
     */
    public static FirmwareReceipt of(String deviceId, FirmwareManifest manifest) {
        return new FirmwareReceipt(
                deviceId, manifest.model(), manifest.version(), manifest.sequence(), manifest.sha256());
    }

    /**
     * Returns the text the device signs.
     *
     * @return the six lines
     */
    public String canonicalText() {
        return FORMAT + "\n"
                + "deviceId=" + deviceId + "\n"
                + "model=" + model + "\n"
                + "version=" + version + "\n"
                + "sequence=" + sequence + "\n"
                + "sha256=" + sha256 + "\n";
    }

    /**
     * Returns the bytes the device signs.
     *
     * @return the UTF-8 encoding of {@link #canonicalText()}
     */
    public byte[] bytes() {
        return canonicalText().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks the device's signature.
     *
     * @param deviceKey the device's registered P-256 key
     * @param signatureBase64 standard base64 of a DER or raw 64-byte signature
     * @return true when valid; false for bad base64 or a wrong signature (never throws)
     */
    public boolean verify(ECPublicKeyParameters deviceKey, String signatureBase64) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            return EcdsaP256.verify(
                    deviceKey, EcdsaP256.sha256(bytes()), Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
