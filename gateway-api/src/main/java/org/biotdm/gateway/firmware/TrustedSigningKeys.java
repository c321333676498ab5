package org.biotdm.gateway.firmware;

import jakarta.inject.Singleton;
import java.util.List;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.protocol.firmware.FirmwareError;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareRefusedException;
import org.biotdm.protocol.firmware.ManifestVerifier;
import org.biotdm.protocol.firmware.SigningKey;

/**
 * The firmware-signing keys a manufacturer's admin registered on the ledger ({@code ListFirmwareSigningKeys}), read
 * afresh for each upload so that a key revoked a moment ago is never trusted.
 */
@Singleton
final class TrustedSigningKeys {
    private final FirmwareLedger ledger;

    /**
     * Creates the reader.
     *
     * @param ledger the firmware contract
     */
    public TrustedSigningKeys(FirmwareLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Runs steps 2–4 of the verification with the unrevoked keys of the manifest's manufacturer.
     *
     * @param manifest the manifest, past step 1
     * @throws FirmwareRefusedException {@code FIRMWARE_UNSIGNED}, {@code FIRMWARE_SIGNING_KEY_UNKNOWN}, {@code
     *     FIRMWARE_SIGNATURE_INVALID}
     * @throws ApiException 409 {@code FIRMWARE_SIGNING_KEY_REVOKED} when the manifest's key is registered and revoked;
     *     503 {@code LEDGER_UNAVAILABLE}
     */
    public void verify(FirmwareManifest manifest) {
        List<LedgerSigningKey> registered;
        try {
            registered = ledger.signingKeys(manifest.manufacturer());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        List<SigningKey> trusted = registered.stream()
                .filter(key -> !key.revoked())
                .map(key -> SigningKey.fromPem(key.manufacturerMsp(), key.publicKeyPem()))
                .toList();
        try {
            new ManifestVerifier(trusted).verifySignature(manifest);
        } catch (FirmwareRefusedException e) {
            boolean revoked =
                    registered.stream().anyMatch(k -> k.revoked() && k.keyId().equals(manifest.keyId()));
            if (e.error() == FirmwareError.FIRMWARE_SIGNING_KEY_UNKNOWN && revoked) {
                throw new ApiException(
                        ErrorCode.FIRMWARE_SIGNING_KEY_REVOKED,
                        "The manifest's key " + manifest.keyId() + " is revoked");
            }
            throw e;
        }
    }
}
