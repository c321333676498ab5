package org.biotdm.chaincode.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.owlike.genson.Genson;
import com.owlike.genson.GensonBuilder;
import com.owlike.genson.JsonBindingException;
import com.owlike.genson.stream.JsonStreamException;
import com.owlike.genson.stream.ObjectReader;
import com.owlike.genson.stream.ValueType;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads transaction arguments strictly and writes deterministic JSON with Genson.
 *
 * <p>Output: Genson writes bean properties in alphabetical order, maps are kept as sorted maps by the data types,
 * and null properties are left out, so the same object always gives the same bytes on every endorser. Input: one
 * JSON object of at most {@value #MAX_ARGUMENT_BYTES} bytes, no duplicate names, no fractional numbers, no unknown
 * fields, nothing after the object.
 */
public final class Json {
    /** Largest accepted argument, in UTF-8 bytes. */
    public static final int MAX_ARGUMENT_BYTES = 16_384;

    private static final Genson GENSON = new GensonBuilder()
            .failOnMissingProperty(true)
            .setSkipNull(true)
            .useRuntimeType(true)
            .create();

    private Json() {}

    /**
     * Parses a transaction argument into a request type.
     *
     * @param <T> the request type
     * @param json the argument text
     * @param type the request class, deserialised through its {@code @JsonProperty} constructor
     * @return the request, never {@code null}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the text is missing,
     *     oversize, malformed or does not fit the type
     */
    public static <T> T parse(final String json, final Class<T> type) {
        return parse(json, type, MAX_ARGUMENT_BYTES);
    }

    /**
     * Parses a transaction argument that may be larger than {@value #MAX_ARGUMENT_BYTES} bytes, such as a batch, with
     * the same strictness as {@link #parse(String, Class)}.
     *
     * @param <T> the request type
     * @param json the argument text
     * @param type the request class, deserialised through its {@code @JsonProperty} constructor
     * @param maxBytes the largest accepted argument, in UTF-8 bytes
     * @return the request, never {@code null}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the text is missing,
     *     oversize, malformed or does not fit the type
     */
    public static <T> T parse(final String json, final Class<T> type, final int maxBytes) {
        checkStructure(json, maxBytes);
        try {
            return GENSON.deserialize(json, type);
        } catch (JsonBindingException | JsonStreamException e) {
            throw ErrorCode.INVALID_ARGUMENT.error(
                    "Argument does not match " + type.getSimpleName() + ": unknown field or wrong value type");
        }
    }

    /**
     * Reads a record this chaincode wrote to the world state.
     *
     * @param <T> the record type
     * @param bytes the stored value
     * @param type the record class
     * @return the record
     */
    public static <T> T read(final byte[] bytes, final Class<T> type) {
        return GENSON.deserialize(new String(bytes, UTF_8), type);
    }

    /**
     * Writes a value as deterministic JSON.
     *
     * @param value a data type, list or sorted map
     * @return the JSON text
     */
    public static String write(final Object value) {
        return GENSON.serialize(value);
    }

    /**
     * Writes a value as deterministic JSON in UTF-8.
     *
     * @param value a data type, list or sorted map
     * @return the JSON bytes
     */
    public static byte[] bytes(final Object value) {
        return write(value).getBytes(UTF_8);
    }

    private static void checkStructure(final String json, final int maxBytes) {
        if (json == null || json.isBlank()) {
            throw ErrorCode.INVALID_ARGUMENT.error("Argument must be a JSON object");
        }
        if (json.getBytes(UTF_8).length > maxBytes) {
            throw ErrorCode.INVALID_ARGUMENT.error("Argument exceeds " + maxBytes + " bytes");
        }
        final String trimmed = json.strip();
        if (trimmed.charAt(0) != '{' || trimmed.charAt(trimmed.length() - 1) != '}') {
            throw ErrorCode.INVALID_ARGUMENT.error("Argument must be a single JSON object");
        }
        try {
            final ObjectReader reader = GENSON.createReader(new StringReader(trimmed));
            walk(reader, reader.getValueType());
            if (reader.hasNext()) {
                throw ErrorCode.INVALID_ARGUMENT.error("Argument must be a single JSON object");
            }
        } catch (JsonStreamException e) {
            throw ErrorCode.INVALID_ARGUMENT.error("Argument is not valid JSON");
        }
    }

    private static void walk(final ObjectReader reader, final ValueType type) {
        switch (type) {
            case OBJECT:
                walkObject(reader);
                break;
            case ARRAY:
                reader.beginArray();
                while (reader.hasNext()) {
                    walk(reader, reader.next());
                }
                reader.endArray();
                break;
            case DOUBLE:
                throw ErrorCode.INVALID_ARGUMENT.error("Numbers must be integers: " + reader.valueAsString());
            default:
                reader.valueAsString();
        }
    }

    private static void walkObject(final ObjectReader reader) {
        reader.beginObject();
        final Set<String> names = new HashSet<>();
        while (reader.hasNext()) {
            final ValueType type = reader.next();
            if (!names.add(reader.name())) {
                throw ErrorCode.INVALID_ARGUMENT.error("Duplicate field " + reader.name());
            }
            walk(reader, type);
        }
        reader.endObject();
    }
}
