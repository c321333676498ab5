package org.biotdm.protocol.firmware;

import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.biotdm.protocol.signature.EcdsaP256;

/**
 * Runs the verification steps of {@code protocol/firmware-manifest-v1.md} in their specified order, so that every
 * implementation names the same first failure: 1 syntax ({@link FirmwareManifest#fromFields}), 2 signed, 3 key
 * trusted for the model's manufacturer, 4 signature valid ({@link #verifySignature}); 5 model and 6 sequence against
 * the device ({@link #checkTarget}); 7 size and 8 hash of the image ({@link ImageCheck}). Immutable and thread-safe.
 */
public final class ManifestVerifier {
    private final List<SigningKey> trustedKeys;

    /**
     * Creates a verifier.
     *
     * @param trustedKeys the firmware-signing keys to trust, each for its manufacturer: the keys a device was built
     *     with, or the unrevoked keys registered on the ledger
     */
    public ManifestVerifier(Collection<SigningKey> trustedKeys) {
        this.trustedKeys = List.copyOf(trustedKeys);
    }

    /**
     * Runs steps 2 to 4.
     *
     * @param manifest a manifest read by {@link FirmwareManifest#fromFields}
     * @return the trusted key that signed it
     * @throws FirmwareRefusedException {@code FIRMWARE_UNSIGNED}, {@code FIRMWARE_SIGNING_KEY_UNKNOWN} or {@code
     *     FIRMWARE_SIGNATURE_INVALID}
     */
    public SigningKey verifySignature(FirmwareManifest manifest) {
        if (manifest.signature() == null || manifest.signature().isEmpty()) {
            throw new FirmwareRefusedException(FirmwareError.FIRMWARE_UNSIGNED, "the manifest carries no signature");
        }
        SigningKey key = trustedKeys.stream()
                .filter(k -> k.manufacturer().equals(manifest.manufacturer())
                        && k.keyId().equals(manifest.keyId()))
                .findFirst()
                .orElseThrow(() -> new FirmwareRefusedException(
                        FirmwareError.FIRMWARE_SIGNING_KEY_UNKNOWN,
                        "keyId " + manifest.keyId() + " is no trusted key of " + manifest.manufacturer()));
        if (!EcdsaP256.verify(key.key(), EcdsaP256.sha256(manifest.bytes()), decode(manifest.signature()))) {
            throw new FirmwareRefusedException(
                    FirmwareError.FIRMWARE_SIGNATURE_INVALID, "the manifest signature does not verify");
        }
        return key;
    }

    /**
     * Runs steps 5 and 6 for one device.
     *
     * @param manifest a manifest whose signature was verified
     * @param deviceModel the device's model
     * @param installedSequence the sequence number of the installed firmware, 0 when unknown
     * @throws FirmwareRefusedException {@code FIRMWARE_MODEL_MISMATCH} or {@code FIRMWARE_DOWNGRADE}
     */
    public static void checkTarget(FirmwareManifest manifest, String deviceModel, long installedSequence) {
        if (!manifest.model().equals(deviceModel)) {
            throw new FirmwareRefusedException(
                    FirmwareError.FIRMWARE_MODEL_MISMATCH,
                    "the manifest is for " + manifest.model() + ", the device is a " + deviceModel);
        }
        if (manifest.sequence() <= installedSequence) {
            throw new FirmwareRefusedException(
                    FirmwareError.FIRMWARE_DOWNGRADE,
                    "sequence " + manifest.sequence() + " is not higher than the installed " + installedSequence);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
