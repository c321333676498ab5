package org.biotdm.gateway.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the error catalogue as the published {@code protocol/errors.json}: every {@link ErrorCode} with its HTTP
 * status, meaning and where it occurs ({@code api}, {@code device}, {@code websocket}, {@code chaincode}), and the
 * chaincode table of {@link ChaincodeErrors}. A unit test fails when the committed file differs from this rendering;
 * it rewrites the file when run with {@code -Dbiotdm.errors.write=true}.
 */
public final class ErrorCatalogue {
    /** The OpenAPI description of the error body's {@code code}. */
    static final String CODE_DESCRIPTION =
            "A code of the error catalogue; protocol/errors.json and protocol/errors.md give each code's HTTP status,"
                    + " meaning and where it occurs";

    private ErrorCatalogue() {}

    /**
     * Renders the catalogue.
     *
     * @return {@code {"errorBody":…, "codes":[{code, status, meaning, occurs}], "chaincode":{code: entry},
     *     "chaincodeFallback":…}} as pretty-printed JSON with LF line ends and a final newline
     */
    public static String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));
            json.writeStartObject();
            json.writeStringField(
                    "errorBody",
                    "{code, message, transactionId?, timestamp, violations?: [{field, message}]} on every error");
            writeCodes(json);
            writeChaincode(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void writeCodes(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("codes");
        for (ErrorCode code : ErrorCode.values()) {
            json.writeStartObject();
            json.writeStringField("code", code.name());
            json.writeNumberField("status", code.status().getCode());
            json.writeStringField("meaning", code.meaning());
            json.writeArrayFieldStart("occurs");
            for (ErrorCode.Surface surface : code.surfaces()) {
                json.writeString(surface.name().toLowerCase(Locale.ROOT));
            }
            if (ChaincodeErrors.raisedBy(code)) {
                json.writeString("chaincode");
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeChaincode(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("chaincode");
        for (Map.Entry<String, ErrorCode> entry : new TreeMap<>(ChaincodeErrors.table()).entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue().name());
        }
        json.writeEndObject();
        json.writeStringField("chaincodeFallback", ErrorCode.LEDGER_CHAINCODE_ERROR.name());
    }
}
