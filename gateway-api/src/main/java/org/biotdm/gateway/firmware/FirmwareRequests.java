package org.biotdm.gateway.firmware;

/** The syntax rules of firmware requests, as {@code protocol/firmware-manifest-v1.md} gives them. */
final class FirmwareRequests {
    /** A model: {@code <MSP ID>/<model name>}, each part device-ID-shaped. */
    static final String MODEL = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}/[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** A semantic version without build metadata (the chaincode checks leading zeros and the 9-digit bound). */
    static final String VERSION = "[0-9]{1,9}\\.[0-9]{1,9}\\.[0-9]{1,9}(-[0-9A-Za-z.-]{1,40})?";

    /** A SHA-256 in lower-case hex. */
    static final String SHA256 = "[0-9a-f]{64}";

    private FirmwareRequests() {}
}
