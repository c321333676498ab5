package org.biotdm.gateway.telemetry;

import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_BAD_SIGNATURE;
import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_INVALID;
import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_MALFORMED;
import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_TOO_LARGE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.protocol.name.SensorNames;
import org.biotdm.protocol.telemetry.TelemetryText;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * Parses the body of {@code POST /device/v1/telemetry} with Jackson's streaming parser, straight from the raw bytes,
 * so that a number's value text is exactly the JSON token the device sent and signed.
 *
 * <p>The body is one JSON object {@code {"seq", "ts", "readings", "sig"}}; each reading is {@code {"sensor",
 * "value", "unit"?, "ts"?}}. Rules and their codes ({@link org.biotdm.gateway.error.ErrorCode}):
 *
 * <ul>
 *   <li>{@code TELEMETRY_MALFORMED}: not JSON (RFC 8259: no NaN, Infinity, leading {@code +} or leading zeros), not
 *       an object, a duplicate or unknown field, anything after the object;
 *   <li>{@code TELEMETRY_TOO_LARGE}: more readings than the limit (1000 by default);
 *   <li>{@code TELEMETRY_INVALID}: a missing field, {@code seq} or a time that is not a non-negative integer (a
 *       batch {@code ts} must be positive), no readings, a sensor name that is not valid ({@link SensorNames}), a value that
 *       is null, an object or an array, a number token over 64 characters or beyond the range of a double, a string
 *       value that is empty, over 64 characters, or contains a control character, {@code |} or an unpaired
 *       surrogate, a unit of that kind over 16 characters;
 *   <li>{@code TELEMETRY_BAD_SIGNATURE}: {@code sig} is not standard base64.
 * </ul>
 *
 * Characters are counted as Unicode code points. The {@code |} and control-character rules keep the line-based
 * canonical encoding ({@link org.biotdm.protocol.telemetry.CanonicalTelemetry}) unambiguous. This class is stateless and thread-safe.
 */
public final class TelemetryBatchParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final int maxReadings;

    /**
     * Creates a parser.
     *
     * @param maxReadings the most readings a batch may carry
     */
    public TelemetryBatchParser(int maxReadings) {
        this.maxReadings = maxReadings;
    }

    /**
     * Parses a batch.
     *
     * @param body the raw request body
     * @return the batch
     * @throws ApiException {@code TELEMETRY_MALFORMED}, {@code TELEMETRY_TOO_LARGE}, {@code TELEMETRY_INVALID} or
     *     {@code TELEMETRY_BAD_SIGNATURE} as described on the class
     */
    public TelemetryBatch parse(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw TELEMETRY_MALFORMED.error("The body must be one JSON object");
            }
            TelemetryBatch batch = readBatch(parser);
            if (parser.nextToken() != null) {
                throw TELEMETRY_MALFORMED.error("Nothing may follow the JSON object");
            }
            return batch;
        } catch (JsonProcessingException e) {
            throw TELEMETRY_MALFORMED.error("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw TELEMETRY_MALFORMED.error("Unreadable body");
        }
    }

    private TelemetryBatch readBatch(JsonParser parser) throws IOException {
        long seq = -1;
        long ts = -1;
        List<TelemetryReading> readings = null;
        byte[] signature = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "seq" -> seq = nonNegativeInteger(parser, token, "seq");
                case "ts" -> ts = nonNegativeInteger(parser, token, "ts");
                case "readings" -> readings = readReadings(parser, token);
                case "sig" -> signature = signature(parser, token);
                default -> throw TELEMETRY_MALFORMED.error("Unknown field: " + field);
            }
        }
        if (seq < 0 || ts < 0 || readings == null || signature == null) {
            throw TELEMETRY_INVALID.error("seq, ts, readings and sig are required");
        }
        if (ts == 0) {
            throw TELEMETRY_INVALID.error("ts must be a positive epoch-millisecond time");
        }
        return new TelemetryBatch(seq, ts, readings, signature);
    }

    private List<TelemetryReading> readReadings(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw TELEMETRY_INVALID.error("readings must be an array");
        }
        List<TelemetryReading> readings = new ArrayList<>();
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (readings.size() == maxReadings) {
                throw TELEMETRY_TOO_LARGE.error("A batch may carry at most " + maxReadings + " readings");
            }
            if (element != JsonToken.START_OBJECT) {
                throw TELEMETRY_INVALID.error("Each reading must be an object");
            }
            readings.add(readReading(parser, readings.size()));
        }
        if (readings.isEmpty()) {
            throw TELEMETRY_INVALID.error("A batch must carry at least one reading");
        }
        return readings;
    }

    private static TelemetryReading readReading(JsonParser parser, int index) throws IOException {
        String sensor = null;
        ValueKind kind = null;
        String valueText = null;
        double valueNumber = Double.NaN;
        String unit = null;
        long ts = TelemetryReading.NO_TS;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "sensor" -> sensor = sensor(parser, token, index);
                case "value" -> {
                    kind = kindOf(token, index);
                    valueText = valueText(parser, kind, index);
                    valueNumber = valueNumber(parser, kind, index);
                }
                case "unit" -> unit = text(parser, token, TelemetryText.MAX_UNIT_CHARS, "readings[" + index + "].unit");
                case "ts" -> ts = nonNegativeInteger(parser, token, "readings[" + index + "].ts");
                default -> throw TELEMETRY_MALFORMED.error("Unknown field in readings[" + index + "]: " + field);
            }
        }
        if (sensor == null || kind == null) {
            throw TELEMETRY_INVALID.error("readings[" + index + "] needs sensor and value");
        }
        return new TelemetryReading(sensor, kind, valueText, valueNumber, unit, ts);
    }

    private static long nonNegativeInteger(JsonParser parser, JsonToken token, String name) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || parser.getTextCharacters()[parser.getTextOffset()] == '-') {
            throw TELEMETRY_INVALID.error(name + " must be an integer from 0 to 2^63-1");
        }
        return parser.getLongValue();
    }

    private static String sensor(JsonParser parser, JsonToken token, int index) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw TELEMETRY_INVALID.error("readings[" + index + "].sensor must be a string");
        }
        String sensor = parser.getText();
        if (!SensorNames.isValid(sensor)) {
            throw TELEMETRY_INVALID.error("readings[" + index + "].sensor must match " + SensorNames.RULE);
        }
        return sensor;
    }

    private static ValueKind kindOf(JsonToken token, int index) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ValueKind.N;
            case VALUE_STRING -> ValueKind.S;
            case VALUE_TRUE, VALUE_FALSE -> ValueKind.B;
            default -> throw TELEMETRY_INVALID.error(
                    "readings[" + index + "].value must be a number, a string or a boolean");
        };
    }

    private static String valueText(JsonParser parser, ValueKind kind, int index) throws IOException {
        String name = "readings[" + index + "].value";
        if (kind == ValueKind.S) {
            return text(parser, JsonToken.VALUE_STRING, TelemetryText.MAX_VALUE_CHARS, name);
        }
        // For numbers Jackson keeps the token's characters exactly as they appeared in the input.
        String text = parser.getText();
        if (text.length() > TelemetryText.MAX_VALUE_CHARS) {
            throw TELEMETRY_INVALID.error(name + " may have at most " + TelemetryText.MAX_VALUE_CHARS + " characters");
        }
        return text;
    }

    private static double valueNumber(JsonParser parser, ValueKind kind, int index) throws IOException {
        return switch (kind) {
            case S -> Double.NaN;
            case B -> parser.getBooleanValue() ? 1 : 0;
            case N -> {
                double number = parser.getDoubleValue();
                if (Double.isInfinite(number)) {
                    throw TELEMETRY_INVALID.error("readings[" + index + "].value is beyond the range of a double");
                }
                yield number;
            }
        };
    }

    private static String text(JsonParser parser, JsonToken token, int maxChars, String name) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw TELEMETRY_INVALID.error(name + " must be a string");
        }
        String text = parser.getText();
        if (!TelemetryText.isCanonicalText(text, maxChars)) {
            throw TELEMETRY_INVALID.error(
                    name + " must have 1 to " + maxChars + " characters, none of them a control character or '|'");
        }
        return text;
    }

    private static byte[] signature(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw TELEMETRY_BAD_SIGNATURE.error("sig must be a base64 string");
        }
        try {
            return Base64.getDecoder().decode(parser.getText());
        } catch (IllegalArgumentException e) {
            throw TELEMETRY_BAD_SIGNATURE.error("sig is not standard base64");
        }
    }
}
