package org.biotdm.gateway.telemetry;

import java.nio.charset.StandardCharsets;

/**
 * The canonical encoding of a telemetry batch, version {@value #VERSION}: the exact bytes a device signs.
 *
 * <p>It is the UTF-8 encoding of these lines, in this order, each ended by one line feed (0x0A) and containing no
 * other whitespace, like the chaincode's command receipt ({@code biotdm-receipt-v1}):
 *
 * <pre>
 * biotdm-telemetry-v1
 * device=&lt;deviceId&gt;
 * seq=&lt;seq&gt;
 * ts=&lt;ts&gt;
 * reading=&lt;sensor&gt;|&lt;kind&gt;|&lt;value text&gt;|&lt;unit or empty&gt;|&lt;ts or empty&gt;
 * reading=…   (one line per reading, in the order of the body's readings array)
 * </pre>
 *
 * <ul>
 *   <li>{@code deviceId} is the subject CN of the device's client certificate, never taken from the body;
 *   <li>{@code seq}, {@code ts} and a reading's {@code ts} are plain decimal integers (no sign, no leading zeros);
 *       a reading without {@code ts} leaves the last field empty;
 *   <li>{@code kind} is {@code N} for a JSON number, {@code S} for a string, {@code B} for a boolean;
 *   <li>the value text of a number is the JSON number token exactly as it appears in the body ({@code 45.90} stays
 *       {@code 45.90}, {@code 1E+3} stays {@code 1E+3}); of a string, its characters after JSON unescaping; of a
 *       boolean, {@code true} or {@code false};
 *   <li>a reading without unit leaves the fourth field empty (an empty unit is not allowed in the body).
 * </ul>
 *
 * Because strings, units and sensor names cannot contain {@code |} or control characters, no two different batches
 * share an encoding. Example, for device {@code mote-1}:
 *
 * <pre>
 * biotdm-telemetry-v1
 * device=mote-1
 * seq=42
 * ts=1700000005000
 * reading=humidity|N|45.93|%RH|1700000000000
 * reading=temperature|N|27.97|C|
 * reading=door|S|OPEN||
 * reading=alarm|B|false||
 * </pre>
 *
 * <p>The device signs SHA-256 of these bytes with ECDSA on P-256 (FIPS 186-4; {@code SHA256withECDSA}) using its
 * registered key, and sends the signature as standard base64 of the ASN.1 DER {@code ECDSA-Sig-Value} (RFC 3279)
 * or of the raw 64-byte {@code r||s} (IEEE P1363, what BearSSL's {@code br_ecdsa_*_sign_raw} produces).
 */
public final class CanonicalTelemetry {
    /** The first line, naming the encoding's version. */
    public static final String VERSION = "biotdm-telemetry-v1";

    private CanonicalTelemetry() {}

    /**
     * Encodes a batch.
     *
     * @param deviceId the device ID from the client certificate
     * @param batch the parsed batch
     * @return the UTF-8 bytes the device signs
     */
    public static byte[] encode(String deviceId, TelemetryBatch batch) {
        StringBuilder text = new StringBuilder(64 + batch.readings().size() * 48);
        text.append(VERSION).append('\n');
        text.append("device=").append(deviceId).append('\n');
        text.append("seq=").append(batch.seq()).append('\n');
        text.append("ts=").append(batch.ts()).append('\n');
        for (TelemetryReading reading : batch.readings()) {
            text.append("reading=")
                    .append(reading.sensor())
                    .append('|')
                    .append(reading.kind().name())
                    .append('|')
                    .append(reading.valueText())
                    .append('|');
            if (reading.unit() != null) {
                text.append(reading.unit());
            }
            text.append('|');
            if (reading.hasTs()) {
                text.append(reading.ts());
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
