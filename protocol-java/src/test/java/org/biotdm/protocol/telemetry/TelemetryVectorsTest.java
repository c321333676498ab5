package org.biotdm.protocol.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.protocol.signature.EcdsaP256;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code telemetry-v1.json} whose body parses: the readings of the body, built as {@link Reading}s,
 * encode to the vector's canonical bytes, and the signature verifies exactly when the gateway accepts the batch.
 */
class TelemetryVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Map<String, Object>> encodedCases() {
        return VectorFiles.cases("telemetry-v1.json").stream().filter(c -> c.containsKey("canonical"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedCases")
    void readings_of_the_body_encode_to_the_canonical_bytes(Map<String, Object> vector) throws IOException {
        Batch batch = Batch.of((String) vector.get("body"));

        byte[] encoded =
                CanonicalTelemetry.encode((String) vector.get("device_id"), batch.seq, batch.ts, batch.readings);

        assertThat(HEX.formatHex(encoded)).isEqualTo(vector.get("canonical_hex"));
        assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo(vector.get("canonical"));
        assertThat(HEX.formatHex(EcdsaP256.sha256(encoded))).isEqualTo(vector.get("canonical_sha256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedCases")
    void signature_verifies_exactly_when_the_batch_is_accepted(Map<String, Object> vector) {
        var key = EcdsaP256.publicKeyFromPem(VectorFiles.keyPem((String) vector.get("public_key"), "spki_pem"));
        byte[] digest = HEX.parseHex((String) vector.get("canonical_sha256"));
        byte[] signature = HEX.parseHex((String) vector.get("signature_hex"));

        assertThat(EcdsaP256.verify(key, digest, signature)).isEqualTo("ACCEPTED".equals(vector.get("result")));
    }

    /** The body's fields, read the way the gateway does: number tokens as text, strings unescaped. */
    private record Batch(long seq, long ts, List<Reading> readings) {
        static Batch of(String body) throws IOException {
            try (JsonParser parser = new JsonFactory().createParser(body)) {
                parser.nextToken();
                long seq = 0;
                long ts = 0;
                List<Reading> readings = new ArrayList<>();
                for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                    JsonToken token = parser.nextToken();
                    switch (field) {
                        case "seq" -> seq = parser.getLongValue();
                        case "ts" -> ts = parser.getLongValue();
                        case "readings" -> {
                            while (parser.nextToken() == JsonToken.START_OBJECT) {
                                readings.add(reading(parser));
                            }
                        }
                        default -> parser.skipChildren();
                    }
                    assertThat(token).isNotNull();
                }
                return new Batch(seq, ts, readings);
            }
        }

        private static Reading reading(JsonParser parser) throws IOException {
            String sensor = null;
            ValueKind kind = null;
            String value = null;
            String unit = null;
            long ts = CanonicalReading.NO_TS;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "sensor" -> sensor = parser.getText();
                    case "unit" -> unit = parser.getText();
                    case "ts" -> ts = parser.getLongValue();
                    default -> {
                        kind = token == JsonToken.VALUE_STRING
                                ? ValueKind.S
                                : token.isBoolean() ? ValueKind.B : ValueKind.N;
                        value = parser.getText();
                    }
                }
            }
            return new Reading(sensor, kind, value, unit, ts);
        }
    }
}
