package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.SemanticVersion;
import org.biotdm.chaincode.support.Tx;

/**
 * Reads the PublishFirmware argument: {@code {"model","version","sha256","size","signature"}}; {@code size} is 1
 * byte to 1 GiB and {@code signature} at most 4096 base64 characters.
 */
public final class PublishFirmwareRequest {
    /** Largest firmware image accepted, in bytes. */
    public static final long MAX_SIZE = 1L << 30;

    private static final int MAX_SIGNATURE_BASE64 = 4096;

    private final String model;
    private final String version;
    private final String sha256;
    private final Long size;
    private final String signature;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param model the device model, {@code <manufacturer MSP ID>/<model name>}
     * @param version the firmware version
     * @param sha256 SHA-256 of the image, lower-case hex
     * @param size the image size in bytes
     * @param signature the manufacturer's signature over the image, base64
     */
    public PublishFirmwareRequest(
            @JsonProperty("model") final String model,
            @JsonProperty("version") final String version,
            @JsonProperty("sha256") final String sha256,
            @JsonProperty("size") final Long size,
            @JsonProperty("signature") final String signature) {
        this.model = model;
        this.version = version;
        this.sha256 = sha256;
        this.size = size;
        this.signature = signature;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public PublishFirmwareRequest validate() {
        Check.model("model", model);
        SemanticVersion.parse("version", version);
        Check.sha256("sha256", sha256);
        Check.range("size", size, 1, MAX_SIZE);
        Check.base64("signature", signature, MAX_SIGNATURE_BASE64);
        return this;
    }

    String model() {
        return model;
    }

    String version() {
        return version;
    }

    /**
     * Builds the record this transaction publishes.
     *
     * @param tx the transaction
     * @return the firmware record
     */
    Firmware toFirmware(final Tx tx) {
        return Firmware.builder()
                .model(model)
                .version(version)
                .sha256(sha256)
                .size(size)
                .signature(signature)
                .publisherMsp(tx.caller().mspId())
                .publishedAt(tx.nowMillis())
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId())
                .build();
    }
}
