package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Map;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.DeviceKeys;
import org.biotdm.chaincode.support.SemanticVersion;
import org.biotdm.chaincode.support.Tx;

/**
 * Reads the RegisterDevice argument: {@code {"deviceId","deviceType","model","firmwareVersion","group",
 * "metadata"?:{name:value}, and either "publicKeyPem"+"certFingerprint" or "claimTokenSha256"}}.
 */
public final class RegisterDeviceRequest {
    private final String deviceId;
    private final String deviceType;
    private final String model;
    private final String firmwareVersion;
    private final String group;
    private final Map<String, String> metadata;
    private final String publicKeyPem;
    private final String certFingerprint;
    private final String claimTokenSha256;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param deviceId the new device id
     * @param deviceType the device type
     * @param model the model, {@code <manufacturer MSP ID>/<model name>}
     * @param firmwareVersion the factory firmware version
     * @param group the device group
     * @param metadata free-form metadata, or {@code null}
     * @param publicKeyPem the device's P-256 public key, or {@code null} with a claim token
     * @param certFingerprint SHA-256 of the device certificate, or {@code null} with a claim token
     * @param claimTokenSha256 SHA-256 of the one-time claim token, or {@code null} with a key
     */
    public RegisterDeviceRequest(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("deviceType") final String deviceType,
            @JsonProperty("model") final String model,
            @JsonProperty("firmwareVersion") final String firmwareVersion,
            @JsonProperty("group") final String group,
            @JsonProperty("metadata") final Map<String, String> metadata,
            @JsonProperty("publicKeyPem") final String publicKeyPem,
            @JsonProperty("certFingerprint") final String certFingerprint,
            @JsonProperty("claimTokenSha256") final String claimTokenSha256) {
        this.deviceId = deviceId;
        this.deviceType = deviceType;
        this.model = model;
        this.firmwareVersion = firmwareVersion;
        this.group = group;
        this.metadata = metadata;
        this.publicKeyPem = publicKeyPem;
        this.certFingerprint = certFingerprint;
        this.claimTokenSha256 = claimTokenSha256;
    }

    /**
     * Validates the request and builds the new record, {@code PROVISIONED} and owned by the caller's MSP.
     *
     * @param tx the transaction
     * @return the new device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    Device toDevice(final Tx tx) {
        final boolean withKey = publicKeyPem != null || certFingerprint != null;
        if (withKey == (claimTokenSha256 != null)) {
            throw Check.invalid("publicKeyPem", "and certFingerprint, or else claimTokenSha256, are required");
        }
        return Device.builder()
                .deviceId(Check.id("deviceId", deviceId))
                .ownerMsp(tx.caller().mspId())
                .deviceType(Check.id("deviceType", deviceType))
                .model(Check.model("model", model))
                .firmwareVersion(SemanticVersion.parse("firmwareVersion", firmwareVersion)
                        .toString())
                .group(Check.id("group", group))
                .metadata(Check.metadata(metadata))
                .status(DeviceStatus.PROVISIONED)
                .publicKeyPem(withKey ? DeviceKeys.canonicalPem("publicKeyPem", publicKeyPem) : null)
                .certFingerprint(withKey ? Check.sha256("certFingerprint", certFingerprint) : null)
                .claimTokenSha256(withKey ? null : Check.sha256("claimTokenSha256", claimTokenSha256))
                .registeredAt(tx.nowMillis())
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId())
                .build();
    }

    String deviceId() {
        return Check.id("deviceId", deviceId);
    }

    String rawDeviceId() {
        return deviceId;
    }
}
