package org.biotdm.protocol.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The canonical encoding of a telemetry batch, version {@value #VERSION}: the exact bytes a device signs and the
 * gateway rebuilds from the body ({@code protocol/telemetry-v1.md}).
 *
 * <p>The UTF-8 bytes of these lines, each ended by one line feed (0x0A), with no other whitespace:
 *
 * <pre>
 * biotdm-telemetry-v1
 * device=&lt;deviceId&gt;
 * seq=&lt;seq&gt;
 * ts=&lt;ts&gt;
 * reading=&lt;sensor&gt;|&lt;kind&gt;|&lt;value text&gt;|&lt;unit or empty&gt;|&lt;ts or empty&gt;   (one per reading, in body order)
 * </pre>
 *
 * {@code deviceId} is the CN of the device's client certificate; integers are plain decimal; a number's value text is
 * its JSON token exactly as in the body ({@code 45.90} stays {@code 45.90}). Because no field may contain {@code |}
 * or a control character, no two different batches share an encoding.
 */
public final class CanonicalTelemetry {
    /** The first line, naming the encoding's version. */
    public static final String VERSION = "biotdm-telemetry-v1";

    private CanonicalTelemetry() {}

    /**
     * Encodes a batch.
     *
     * @param deviceId the device ID, the CN of the device's certificate
     * @param seq the batch sequence number, 0…2^63−1
     * @param ts the batch time, epoch milliseconds, positive
     * @param readings the readings in body order
     * @return the UTF-8 bytes to sign or verify
     */
    public static byte[] encode(String deviceId, long seq, long ts, List<? extends CanonicalReading> readings) {
        StringBuilder text = new StringBuilder(64 + readings.size() * 48);
        text.append(VERSION).append('\n');
        text.append("device=").append(deviceId).append('\n');
        text.append("seq=").append(seq).append('\n');
        text.append("ts=").append(ts).append('\n');
        for (CanonicalReading reading : readings) {
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
