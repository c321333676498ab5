package org.biotdm.device.sdk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The little JSON the SDK needs, on jackson-core's streaming parser: reading the gateway's small answers into maps
 * and lists (numbers as their exact text), and writing escaped strings.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private Json() {}

    /** Appends a JSON string literal. Only the characters JSON requires are escaped. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Returns a JSON string literal. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        string(out, value);
        return out.toString();
    }

    /**
     * Parses a JSON value: objects become maps, arrays lists, numbers {@link JsonNumber} with their text, strings,
     * booleans and null as themselves.
     */
    static Object parse(byte[] body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("Empty JSON body");
            }
            return value(parser, token);
        }
    }

    /** Parses a JSON object, or fails. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(byte[] body) throws IOException {
        Object value = parse(body);
        if (!(value instanceof Map)) {
            throw new IOException("Expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken element = parser.nextToken();
                        element != JsonToken.END_ARRAY;
                        element = parser.nextToken()) {
                    array.add(value(parser, element));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonNumber(parser.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("Unexpected JSON token " + token);
        }
    }

    /** Reads a long field, or the fallback when it is absent or not an integer. */
    static long longField(Map<String, Object> object, String name, long fallback) {
        Object value = object.get(name);
        if (value instanceof JsonNumber number) {
            try {
                return Long.parseLong(number.text());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** Reads a field as text: a string's characters or a number's token; null when absent. */
    static String textField(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value instanceof JsonNumber number) {
            return number.text();
        }
        return value == null ? null : value.toString();
    }

    /** Writes a parsed value back as compact JSON (objects keep their field order). */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof JsonNumber number) {
            out.append(number.text());
        } else {
            out.append(value);
        }
    }

    /** A JSON number kept as its token text. */
    /**
     * Converts a parsed value for {@link org.biotdm.protocol.json.CanonicalJson}: integer tokens become {@link
     * BigInteger} (exact), other numbers the nearest {@link Double} (as {@code biotdm-json-v1} reads them).
     */
    static Object plain(Object value) {
        if (value instanceof JsonNumber number) {
            return INTEGER.matcher(number.text()).matches()
                    ? new BigInteger(number.text())
                    : (Object) Double.valueOf(number.text());
        }
        if (value instanceof Map<?, ?> members) {
            Map<Object, Object> out = new LinkedHashMap<>();
            members.forEach((name, member) -> out.put(name, plain(member)));
            return out;
        }
        if (value instanceof List<?> elements) {
            return elements.stream().map(Json::plain).toList();
        }
        return value;
    }

    record JsonNumber(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
