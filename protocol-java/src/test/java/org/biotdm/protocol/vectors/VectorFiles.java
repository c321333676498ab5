package org.biotdm.protocol.vectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds {@code protocol/vectors} by walking up from the working directory (a module directory under Maven) and reads
 * its JSON files into plain maps and lists with jackson-core's streaming parser, numbers as {@link Long} or {@link
 * String} token text, so no value is rounded.
 */
public final class VectorFiles {
    private static final JsonFactory JSON = new JsonFactory();

    private VectorFiles() {}

    /**
     * Locates the vector folder.
     *
     * @return the first {@code protocol/vectors} folder found in the working directory or one of its parents
     */
    public static Optional<Path> folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("protocol").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads one vector file.
     *
     * @param name the file name, for example {@code telemetry-v1.json}
     * @return its top-level object
     * @throws IllegalStateException when the folder is not found
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Map<String, Object> read(String name) {
        Path file = folder().orElseThrow(() -> new IllegalStateException(
                        "protocol/vectors not found above " + Path.of("").toAbsolutePath()))
                .resolve(name);
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            return asMap(value(parser, parser.nextToken()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the {@code cases} array of a vector file.
     *
     * @param name the file name
     * @return the cases, each a map
     */
    public static List<Map<String, Object>> cases(String name) {
        return maps(read(name).get("cases"));
    }

    /**
     * Returns a test key's PEM text from {@code keys.json}.
     *
     * @param keyName the key's name, for example {@code device-1}
     * @param field {@code spki_pem} or {@code pkcs8_pem}
     * @return the PEM text
     */
    public static String keyPem(String keyName, String field) {
        return maps(read("keys.json").get("keys")).stream()
                .filter(key -> keyName.equals(key.get("name")))
                .map(key -> (String) key.get(field))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test key " + keyName));
    }

    /**
     * Casts a JSON array of objects.
     *
     * @param value a value read by this class
     * @return the list of maps
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /**
     * Casts a JSON object.
     *
     * @param value a value read by this class
     * @return the map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            map.put(field, value(parser, parser.nextToken()));
        }
        return map;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            list.add(value(parser, token));
        }
        return list;
    }
}
