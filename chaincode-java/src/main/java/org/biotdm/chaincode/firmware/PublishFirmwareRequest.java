package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.SemanticVersion;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Reads the PublishFirmware argument, a signed {@code biotdm-firmware-manifest-v1} manifest ({@code
 * protocol/firmware-manifest-v1.md}): {@code {"format","model","version","sequence","size","sha256","keyId",
 * "signature"}}.
 */
public final class PublishFirmwareRequest {
    /** The manifest format this chaincode reads. */
    public static final String FORMAT = "biotdm-firmware-manifest-v1";

    /** Largest firmware image accepted, in bytes (2^30). */
    public static final long MAX_SIZE = 1L << 30;

    /** Largest sequence number (2^32 - 1). */
    public static final long MAX_SEQUENCE = 4_294_967_295L;

    private static final int MAX_SIGNATURE_BASE64 = 4096;

    private final String format;
    private final String model;
    private final String version;
    private final Object sequence;
    private final Object size;
    private final String sha256;
    private final String keyId;
    private final String signature;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param format {@value #FORMAT}
     * @param model the device model, {@code <manufacturer MSP ID>/<model name>}
     * @param version the firmware version
     * @param sequence the anti-rollback sequence number, a JSON integer (Genson would read a string as a number
     *     into a {@code Long}; the manifest refuses it)
     * @param size the image size in bytes, a JSON integer
     * @param sha256 SHA-256 of the image, lower-case hex
     * @param keyId the signing key's ID
     * @param signature the manufacturer's signature over the manifest text, base64
     */
    public PublishFirmwareRequest(
            @JsonProperty("format") final String format,
            @JsonProperty("model") final String model,
            @JsonProperty("version") final String version,
            @JsonProperty("sequence") final Object sequence,
            @JsonProperty("size") final Object size,
            @JsonProperty("sha256") final String sha256,
            @JsonProperty("keyId") final String keyId,
            @JsonProperty("signature") final String signature) {
        this.format = format;
        this.model = model;
        this.version = version;
        this.sequence = sequence;
        this.size = size;
        this.sha256 = sha256;
        this.keyId = keyId;
        this.signature = signature;
    }

    /**
     * Reads and validates the argument: steps 1 (syntax) and 2 (signed) of the manifest verification.
     *
     * @param json the argument text
     * @return the request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FIRMWARE_MANIFEST_INVALID} for any syntax error
     *     (the text of the {@code INVALID_ARGUMENT} it replaces), {@code FIRMWARE_UNSIGNED}
     */
    public static PublishFirmwareRequest parse(final String json) {
        final PublishFirmwareRequest request;
        try {
            request = Json.parse(json, PublishFirmwareRequest.class).validate();
        } catch (ChaincodeException e) {
            throw ErrorCode.FIRMWARE_MANIFEST_INVALID.error(
                    e.getMessage().replaceFirst("^\\[INVALID_ARGUMENT\\] ", ""));
        }
        if (request.signature == null || request.signature.isEmpty()) {
            throw ErrorCode.FIRMWARE_UNSIGNED.error("The manifest carries no signature");
        }
        return request;
    }

    private PublishFirmwareRequest validate() {
        if (!FORMAT.equals(format)) {
            throw Check.invalid("format", "must be " + FORMAT);
        }
        Check.model("model", model);
        SemanticVersion.parse("version", version);
        Check.range("sequence", integer("sequence", sequence), 1, MAX_SEQUENCE);
        Check.range("size", integer("size", size), 1, MAX_SIZE);
        Check.sha256("sha256", sha256);
        Check.sha256("keyId", keyId);
        if (signature != null && signature.length() > MAX_SIGNATURE_BASE64) {
            throw Check.invalid("signature", "exceeds " + MAX_SIGNATURE_BASE64 + " characters");
        }
        return this;
    }

    /** Genson reads an untyped JSON integer as {@link Long}, a fraction as {@link Double}, a string as text. */
    private static Long integer(final String field, final Object value) {
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        throw Check.invalid(field, "must be a JSON integer");
    }

    String model() {
        return model;
    }

    String version() {
        return version;
    }

    String keyId() {
        return keyId;
    }

    String signature() {
        return signature;
    }

    /**
     * Builds the text the manufacturer signed ({@link CanonicalManifest}).
     *
     * @return the seven lines
     */
    String canonicalText() {
        return CanonicalManifest.text(model, version, (Long) sequence, (Long) size, sha256, keyId);
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
                .size((Long) size)
                .sequence((Long) sequence)
                .keyId(keyId)
                .signature(signature)
                .publisherMsp(tx.caller().mspId())
                .publishedAt(tx.nowMillis())
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId())
                .build();
    }
}
