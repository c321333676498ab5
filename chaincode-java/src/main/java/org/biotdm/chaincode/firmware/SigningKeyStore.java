package org.biotdm.chaincode.firmware;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Hashes;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the firmware-signing keys: one record per manufacturer and key ID under {@code
 * biotdm.firmware.key/<manufacturerMsp>/<keyId>}, each under its manufacturer's key-level endorsement policy.
 */
public final class SigningKeyStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public SigningKeyStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Derives a key ID as {@code biotdm-firmware-manifest-v1} defines it: SHA-256 of the DER SubjectPublicKeyInfo.
     *
     * @param canonicalPem a canonical PEM public key
     * @return 64 lower-case hex digits
     */
    public static String keyId(final String canonicalPem) {
        final String body = canonicalPem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        return Hashes.sha256Hex(Base64.getDecoder().decode(body.getBytes(US_ASCII)));
    }

    /**
     * Looks a key up.
     *
     * @param manufacturerMsp the manufacturer
     * @param keyId the key ID
     * @return the record, or empty
     */
    public Optional<FirmwareSigningKey> find(final String manufacturerMsp, final String keyId) {
        final byte[] value = stub.getState(Keys.of(Keys.FIRMWARE_SIGNING_KEY, manufacturerMsp, keyId));
        return value == null || value.length == 0
                ? Optional.empty()
                : Optional.of(Json.read(value, FirmwareSigningKey.class));
    }

    /**
     * Reads a key that must exist.
     *
     * @param manufacturerMsp the manufacturer
     * @param keyId the key ID
     * @return the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FIRMWARE_SIGNING_KEY_NOT_FOUND}
     */
    public FirmwareSigningKey get(final String manufacturerMsp, final String keyId) {
        return find(manufacturerMsp, keyId)
                .orElseThrow(() -> ErrorCode.FIRMWARE_SIGNING_KEY_NOT_FOUND.error(
                        "No firmware-signing key " + keyId + " is registered for " + manufacturerMsp));
    }

    /**
     * Writes a key record under its manufacturer's key-level endorsement policy.
     *
     * @param key the record
     */
    void put(final FirmwareSigningKey key) {
        final String stateKey = Keys.of(Keys.FIRMWARE_SIGNING_KEY, key.getManufacturerMsp(), key.getKeyId());
        stub.putState(stateKey, Json.bytes(key));
        OwnerEndorsement.require(stub, stateKey, key.getManufacturerMsp());
    }

    /**
     * Lists a manufacturer's keys, revoked ones included, in key ID order.
     *
     * @param manufacturerMsp the manufacturer
     * @return the records
     */
    List<FirmwareSigningKey> list(final String manufacturerMsp) {
        return Ledger.all(
                stub.getStateByPartialCompositeKey(Keys.prefix(Keys.FIRMWARE_SIGNING_KEY, manufacturerMsp)),
                entry -> Json.read(entry.getValue(), FirmwareSigningKey.class));
    }
}
