package org.biotdm.chaincode.firmware;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.P256Signatures;

/**
 * Checks the two signatures of the firmware flow ({@code protocol/firmware-manifest-v1.md}): the manufacturer's over
 * a manifest, against the firmware-signing keys registered on the ledger (steps 3 and 4), and the device's over its
 * installation receipt, against the device's current key.
 */
final class FirmwareSignatures {
    private FirmwareSignatures() {}

    /**
     * Runs steps 3 and 4 of the manifest verification.
     *
     * @param keys the signing-key store
     * @param manifest a manifest that passed steps 1 and 2
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FIRMWARE_SIGNING_KEY_UNKNOWN}, {@code
     *     FIRMWARE_SIGNING_KEY_REVOKED}, {@code FIRMWARE_SIGNATURE_INVALID}
     */
    static void verifyManifest(final SigningKeyStore keys, final PublishFirmwareRequest manifest) {
        final String manufacturer = Check.manufacturerOf(manifest.model());
        final FirmwareSigningKey key = keys.find(manufacturer, manifest.keyId())
                .orElseThrow(() -> ErrorCode.FIRMWARE_SIGNING_KEY_UNKNOWN.error(
                        "keyId " + manifest.keyId() + " names no firmware-signing key registered for " + manufacturer));
        if (key.isRevoked()) {
            throw ErrorCode.FIRMWARE_SIGNING_KEY_REVOKED.error(
                    "The firmware-signing key " + key.getKeyId() + " of " + manufacturer + " is revoked");
        }
        if (!P256Signatures.valid(
                key.getPublicKeyPem(), manifest.canonicalText().getBytes(UTF_8), decode(manifest.signature()))) {
            throw ErrorCode.FIRMWARE_SIGNATURE_INVALID.error(
                    "The manifest signature does not verify with the key its keyId names");
        }
    }

    /**
     * Checks a device's installation receipt.
     *
     * @param device the device, which must hold a key
     * @param firmware the firmware it reports running
     * @param signatureBase64 the device's signature over the receipt text, base64
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code RECEIPT_SIGNATURE_INVALID}
     */
    static void verifyReceipt(final Device device, final Firmware firmware, final String signatureBase64) {
        final byte[] receipt =
                CanonicalManifest.receipt(device.getDeviceId(), firmware).getBytes(UTF_8);
        if (device.getPublicKeyPem() == null
                || !P256Signatures.valid(device.getPublicKeyPem(), receipt, decode(signatureBase64))) {
            throw ErrorCode.RECEIPT_SIGNATURE_INVALID.error(
                    "The installation receipt does not verify against the device's registered key");
        }
    }

    private static byte[] decode(final String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
