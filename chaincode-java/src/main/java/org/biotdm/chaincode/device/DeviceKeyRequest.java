package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.DeviceKeys;

/**
 * Reads the ClaimDevice and RotateDeviceKey argument:
 * {@code {"deviceId":"d-17","publicKeyPem":"-----BEGIN PUBLIC KEY-----…","certFingerprint":"<64 hex>"}}.
 */
public final class DeviceKeyRequest {
    private final String deviceId;
    private final String publicKeyPem;
    private final String certFingerprint;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param deviceId the device id
     * @param publicKeyPem the device's P-256 public key in PEM
     * @param certFingerprint SHA-256 of the device certificate (DER), lower-case hex
     */
    public DeviceKeyRequest(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("publicKeyPem") final String publicKeyPem,
            @JsonProperty("certFingerprint") final String certFingerprint) {
        this.deviceId = deviceId;
        this.publicKeyPem = publicKeyPem;
        this.certFingerprint = certFingerprint;
    }

    /**
     * Validates the request.
     *
     * @return a request holding the canonical PEM
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public DeviceKeyRequest validate() {
        return new DeviceKeyRequest(
                Check.id("deviceId", deviceId),
                DeviceKeys.canonicalPem("publicKeyPem", publicKeyPem),
                Check.sha256("certFingerprint", certFingerprint));
    }

    String deviceId() {
        return deviceId;
    }

    String publicKeyPem() {
        return publicKeyPem;
    }

    String certFingerprint() {
        return certFingerprint;
    }
}
