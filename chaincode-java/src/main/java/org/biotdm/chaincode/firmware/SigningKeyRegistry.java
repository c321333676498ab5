package org.biotdm.chaincode.firmware;

import java.util.List;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the signing-key rules: an admin registers firmware-signing keys for their own organisation only, a key is
 * registered once, and revocation is final (rotation is registering the new key, then revoking the old).
 */
final class SigningKeyRegistry {
    private final Tx tx;
    private final SigningKeyStore store;

    SigningKeyRegistry(final Tx tx) {
        this.tx = tx;
        this.store = new SigningKeyStore(tx.stub());
    }

    FirmwareSigningKey register(final SigningKeyRequest request) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        final String pem = request.registration();
        final String manufacturer = tx.caller().mspId();
        final String keyId = SigningKeyStore.keyId(pem);
        if (store.find(manufacturer, keyId).isPresent()) {
            throw ErrorCode.FIRMWARE_SIGNING_KEY_EXISTS.error(
                    "Firmware-signing key " + keyId + " is already registered for " + manufacturer);
        }
        final FirmwareSigningKey key = new FirmwareSigningKey(
                manufacturer,
                keyId,
                pem,
                tx.nowMillis(),
                tx.caller().id(),
                false,
                null,
                null,
                tx.nowMillis(),
                tx.caller().id());
        store.put(key);
        return key;
    }

    FirmwareSigningKey revoke(final SigningKeyRequest request) {
        request.revocation();
        Access.requireOwner(tx.caller(), request.manufacturerMsp(), Role.ADMIN);
        final FirmwareSigningKey key = store.get(request.manufacturerMsp(), request.keyId());
        if (key.isRevoked()) {
            throw ErrorCode.FIRMWARE_SIGNING_KEY_REVOKED.error(
                    "Firmware-signing key " + key.getKeyId() + " is already revoked");
        }
        final FirmwareSigningKey revoked =
                key.revoked(tx.nowMillis(), request.reason(), tx.caller().id());
        store.put(revoked);
        return revoked;
    }

    List<FirmwareSigningKey> list(final String manufacturerMsp) {
        Access.requireReader(tx.caller());
        return store.list(manufacturerMsp);
    }
}
