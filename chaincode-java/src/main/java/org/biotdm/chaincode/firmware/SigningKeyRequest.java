package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.DeviceKeys;

/**
 * Reads the arguments of RegisterFirmwareSigningKey {@code {"publicKeyPem"}} and RevokeFirmwareSigningKey {@code
 * {"manufacturerMsp","keyId","reason"}}.
 */
public final class SigningKeyRequest {
    private final String publicKeyPem;
    private final String manufacturerMsp;
    private final String keyId;
    private final String reason;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param publicKeyPem the P-256 public key, PEM (registration)
     * @param manufacturerMsp the organisation whose key it is (revocation)
     * @param keyId the key's ID (revocation)
     * @param reason why it is revoked (revocation)
     */
    public SigningKeyRequest(
            @JsonProperty("publicKeyPem") final String publicKeyPem,
            @JsonProperty("manufacturerMsp") final String manufacturerMsp,
            @JsonProperty("keyId") final String keyId,
            @JsonProperty("reason") final String reason) {
        this.publicKeyPem = publicKeyPem;
        this.manufacturerMsp = manufacturerMsp;
        this.keyId = keyId;
        this.reason = reason;
    }

    /**
     * Validates a registration and returns the key's canonical PEM.
     *
     * @return the canonical PEM
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the key is not one PEM
     *     P-256 public key or other members are set
     */
    String registration() {
        if (manufacturerMsp != null || keyId != null || reason != null) {
            throw Check.invalid("keyId", "is derived from publicKeyPem, the manufacturer is the caller; send neither");
        }
        return DeviceKeys.canonicalPem("publicKeyPem", publicKeyPem);
    }

    /**
     * Validates a revocation.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    SigningKeyRequest revocation() {
        if (publicKeyPem != null) {
            throw Check.invalid("publicKeyPem", "must not be sent to revoke a key");
        }
        Check.id("manufacturerMsp", manufacturerMsp);
        Check.sha256("keyId", keyId);
        Check.requiredText("reason", reason);
        return this;
    }

    String manufacturerMsp() {
        return manufacturerMsp;
    }

    String keyId() {
        return keyId;
    }

    String reason() {
        return reason;
    }
}
