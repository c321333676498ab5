package org.biotdm.device.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.biotdm.protocol.telemetry.CanonicalTelemetry;
import org.biotdm.protocol.telemetry.Reading;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * A telemetry batch signed by the device, ready for {@code POST /device/v1/telemetry}. Its body is fixed once signed:
 * a retry sends the same bytes, which the gateway answers with the original acknowledgement.
 *
 * @param seq the batch sequence number, never reused for other content
 * @param readingCount how many readings the batch carries
 * @param body the JSON body {@code {"seq","ts","readings":[…],"sig"}}, UTF-8
 */
public record SignedBatch(long seq, int readingCount, byte[] body) {
    /** The most readings the gateway accepts in one batch ({@code biotdm.ingress.max-readings}). */
    public static final int MAX_READINGS = 1000;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException for a negative sequence number or reading count
     */
    public SignedBatch {
        Objects.requireNonNull(body, "body");
        if (seq < 0 || readingCount < 0) {
            throw new IllegalArgumentException("seq and readingCount are non-negative");
        }
    }

    /**
     * Builds and signs a batch: encodes it canonically ({@link CanonicalTelemetry}), signs the encoding with the
     * device key and writes the JSON body, each number as its exact token.
     *
     * @param deviceId the device ID (the CN of its certificate)
     * @param seq the sequence number
     * @param ts the batch time, epoch ms; not before any reading's time
     * @param readings 1 to {@value #MAX_READINGS} readings
     * @param keys the device key
     * @return the signed batch
     * @throws IllegalArgumentException for no readings, too many, or a reading newer than the batch
     */
    public static SignedBatch sign(String deviceId, long seq, long ts, List<Reading> readings, DeviceKeys keys) {
        if (readings.isEmpty() || readings.size() > MAX_READINGS) {
            throw new IllegalArgumentException("A batch carries 1-" + MAX_READINGS + " readings");
        }
        if (ts <= 0 || seq < 0) {
            throw new IllegalArgumentException("seq is non-negative and ts positive");
        }
        for (Reading reading : readings) {
            if (reading.hasTs() && reading.ts() > ts) {
                throw new IllegalArgumentException("A reading may not be newer than its batch");
            }
        }
        byte[] signature = keys.sign(CanonicalTelemetry.encode(deviceId, seq, ts, readings));
        return new SignedBatch(seq, readings.size(), body(seq, ts, readings, signature));
    }

    private static byte[] body(long seq, long ts, List<Reading> readings, byte[] signature) {
        StringBuilder json = new StringBuilder(64 + readings.size() * 64);
        json.append("{\"seq\":").append(seq).append(",\"ts\":").append(ts).append(",\"readings\":[");
        for (int i = 0; i < readings.size(); i++) {
            Reading reading = readings.get(i);
            json.append(i == 0 ? "{" : ",{").append("\"sensor\":");
            Json.string(json, reading.sensor());
            json.append(",\"value\":");
            if (reading.kind() == ValueKind.S) {
                Json.string(json, reading.valueText());
            } else {
                json.append(reading.valueText());
            }
            if (reading.unit() != null) {
                json.append(",\"unit\":");
                Json.string(json, reading.unit());
            }
            if (reading.hasTs()) {
                json.append(",\"ts\":").append(reading.ts());
            }
            json.append('}');
        }
        json.append("],\"sig\":\"")
                .append(Base64.getEncoder().encodeToString(signature))
                .append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
