package org.biotdm.gateway.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.protocol.telemetry.CanonicalReading;
import org.biotdm.protocol.telemetry.CanonicalTelemetry;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * Builds signed telemetry bodies the way a device does: the canonical lines of {@link CanonicalTelemetry} (whose bytes
 * {@code protocol/vectors/telemetry-v1.json} pins), signed with the JDK's {@code SHA256withECDSA}.
 */
public final class SignedBatches {
    private SignedBatches() {}

    /**
     * A reading to send.
     *
     * @param sensor the sensor name
     * @param jsonValue the value exactly as it goes into the JSON (a number token, a quoted string, true/false)
     * @param unit the unit, or null
     * @param ts the reading time, or null
     */
    public record Reading(String sensor, String jsonValue, String unit, Long ts) {
        String canonicalValue() {
            return jsonValue.startsWith("\"") ? jsonValue.substring(1, jsonValue.length() - 1) : jsonValue;
        }

        char kind() {
            if (jsonValue.startsWith("\"")) {
                return 'S';
            }
            return "true".equals(jsonValue) || "false".equals(jsonValue) ? 'B' : 'N';
        }
    }

    /**
     * Builds the humidity and temperature readings of consecutive mote samples, 5 s apart, ending at {@code ts}.
     *
     * @param samples the samples
     * @param ts the time of the last sample
     * @return two readings per sample
     */
    public static List<Reading> moteReadings(List<SuthaharanMotes.Sample> samples, long ts) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            long at = ts - (samples.size() - 1 - i) * 5_000L;
            readings.add(new Reading("humidity", samples.get(i).humidity(), "%RH", at));
            readings.add(new Reading("temperature", samples.get(i).temperature(), "C", at));
        }
        return readings;
    }

    /**
     * Returns the canonical text a device signs.
     *
     * @param deviceId the device ID
     * @param seq the sequence number
     * @param ts the batch time
     * @param readings the readings
     * @return the canonical lines
     */
    static String canonical(String deviceId, long seq, long ts, List<Reading> readings) {
        List<CanonicalReading> lines = readings.stream()
                .map(r -> (CanonicalReading) new Line(
                        r.sensor(),
                        ValueKind.valueOf(String.valueOf(r.kind())),
                        r.canonicalValue(),
                        r.unit(),
                        r.ts() == null ? CanonicalReading.NO_TS : r.ts()))
                .toList();
        return new String(CanonicalTelemetry.encode(deviceId, seq, ts, lines), StandardCharsets.UTF_8);
    }

    /** A reading as the canonical encoding reads it, unchecked so that tests can sign what the gateway refuses. */
    private record Line(String sensor, ValueKind kind, String valueText, String unit, long ts)
            implements CanonicalReading {}

    /**
     * Builds a signed body.
     *
     * @param device the device's credentials
     * @param seq the sequence number
     * @param ts the batch time
     * @param readings the readings
     * @return the JSON body
     */
    public static String body(DeviceCredentials device, long seq, long ts, List<Reading> readings) {
        byte[] signature =
                device.sign(canonical(device.deviceId(), seq, ts, readings).getBytes(StandardCharsets.UTF_8));
        return json(seq, ts, readings, Base64.getEncoder().encodeToString(signature));
    }

    /**
     * Builds a body with a given signature text.
     *
     * @param seq the sequence number
     * @param ts the batch time
     * @param readings the readings
     * @param sig the {@code sig} field's text
     * @return the JSON body
     */
    public static String json(long seq, long ts, List<Reading> readings, String sig) {
        StringBuilder json =
                new StringBuilder("{\"seq\":").append(seq).append(",\"ts\":").append(ts);
        json.append(",\"readings\":[");
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"sensor\":\"")
                    .append(r.sensor())
                    .append("\",\"value\":");
            json.append(r.jsonValue());
            if (r.unit() != null) {
                json.append(",\"unit\":\"").append(r.unit()).append('"');
            }
            if (r.ts() != null) {
                json.append(",\"ts\":").append(r.ts());
            }
            json.append('}');
        }
        return json.append("],\"sig\":\"").append(sig).append("\"}").toString();
    }
}
