package org.biotdm.protocol.firmware;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A firmware manifest {@value #FORMAT} ({@code protocol/firmware-manifest-v1.md}, in the spirit of SUIT, RFC 9019 and
 * RFC 9124): what a manufacturer signs about one firmware image. The signed bytes are the UTF-8 of exactly these seven
 * lines, each ended by one line feed, no other whitespace:
 *
 * <pre>
 * biotdm-firmware-manifest-v1
 * model=&lt;manufacturer MSP ID&gt;/&lt;model name&gt;
 * version=&lt;semantic version&gt;
 * sequence=&lt;1…4294967295, decimal&gt;
 * size=&lt;1…1073741824, decimal bytes&gt;
 * sha256=&lt;64 lower-case hex digits of the image's SHA-256&gt;
 * keyId=&lt;64 lower-case hex digits of the SHA-256 of the signing key's DER SubjectPublicKeyInfo&gt;
 * </pre>
 *
 * The manufacturer signs them with a firmware-signing P-256 key (never a TLS or device key); {@link ManifestVerifier}
 * checks a manifest step by step.
 *
 * @param model the device model, {@code <manufacturer MSP ID>/<model name>}
 * @param version the firmware version, Semantic Versioning 2.0.0 without build metadata, at most 64 characters
 * @param sequence the anti-rollback sequence number, 1…4294967295; a device installs only a higher one
 * @param size the image size in bytes, 1…{@value #MAX_SIZE}
 * @param sha256 the image's SHA-256, 64 lower-case hex digits
 * @param keyId the signing key's ID, 64 lower-case hex digits
 * @param signature standard base64 of the DER or raw {@code r||s} signature, or null when unsigned
 */
public record FirmwareManifest(
        String model, String version, long sequence, long size, String sha256, String keyId, String signature) {

    /** The format name: the first line of the signed text and the JSON {@code format} member. */
    public static final String FORMAT = "biotdm-firmware-manifest-v1";

    /** Largest sequence number (2^32 − 1, an unsigned 32-bit counter on devices). */
    public static final long MAX_SEQUENCE = 4_294_967_295L;

    /** Largest image, in bytes (1 GiB). */
    public static final long MAX_SIZE = 1L << 30;

    /**
     * Creates a manifest without checking its syntax (use {@link #fromFields} for input).
     *
     * @throws NullPointerException when a field other than {@code signature} is null
     */
    public FirmwareManifest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * Reads a manifest from its JSON members and checks step 1 of the verification (syntax) of every member but
     * {@code signature}, which is kept as given when it is a string.
     *
     * @param fields the JSON object's members: {@code format}, {@code model}, {@code version}, {@code sequence},
     *     {@code size}, {@code sha256}, {@code keyId} and {@code signature}; unknown members are ignored
     * @return the manifest
     * @throws FirmwareRefusedException {@code FIRMWARE_MANIFEST_INVALID} naming the first bad member
     */
    public static FirmwareManifest fromFields(Map<String, ?> fields) {
        ManifestFields in = new ManifestFields(fields);
        if (!FORMAT.equals(in.raw("format"))) {
            throw ManifestFields.invalid("format must be " + FORMAT);
        }
        Object signature = in.raw("signature");
        if (signature != null && !(signature instanceof String)) {
            throw ManifestFields.invalid("signature must be a string");
        }
        return new FirmwareManifest(
                in.model("model"),
                in.version("version"),
                in.integer("sequence", 1, MAX_SEQUENCE),
                in.integer("size", 1, MAX_SIZE),
                in.hex256("sha256"),
                in.hex256("keyId"),
                (String) signature);
    }

    /**
     * Returns the manifest's JSON members, {@code format} first, {@code signature} left out when null.
     *
     * @return an ordered map of strings and longs, ready for any JSON writer
     */
    public Map<String, Object> toFields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("model", model);
        out.put("version", version);
        out.put("sequence", sequence);
        out.put("size", size);
        out.put("sha256", sha256);
        out.put("keyId", keyId);
        if (signature != null) {
            out.put("signature", signature);
        }
        return out;
    }

    /**
     * Returns the manufacturer of the model.
     *
     * @return the MSP ID before the slash
     */
    public String manufacturer() {
        return model.substring(0, model.indexOf('/'));
    }

    /**
     * Returns the text the manufacturer signs.
     *
     * @return the seven lines
     */
    public String canonicalText() {
        return FORMAT + "\n"
                + "model=" + model + "\n"
                + "version=" + version + "\n"
                + "sequence=" + sequence + "\n"
                + "size=" + size + "\n"
                + "sha256=" + sha256 + "\n"
                + "keyId=" + keyId + "\n";
    }

    /**
     * Returns the bytes the manufacturer signs.
     *
     * @return the UTF-8 (here ASCII) encoding of {@link #canonicalText()}
     */
    public byte[] bytes() {
        return canonicalText().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns a copy carrying a signature.
     *
     * @param signatureBase64 standard base64 of the signature
     * @return the signed manifest
     */
    public FirmwareManifest withSignature(String signatureBase64) {
        return new FirmwareManifest(model, version, sequence, size, sha256, keyId, signatureBase64);
    }
}
