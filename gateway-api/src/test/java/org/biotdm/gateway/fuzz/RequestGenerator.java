package org.biotdm.gateway.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.biotdm.gateway.fuzz.OpenApiOperations.Operation;
import org.biotdm.gateway.fuzz.OpenApiOperations.Parameter;

/**
 * Generates requests for an operation from its OpenAPI schemas, deterministically from a {@link Random}: valid ones
 * (every required field, values in the schema's ranges, fixture identifiers where a name matches), boundary ones
 * (empty and over-long strings, extreme numbers, empty and long arrays, unusual Unicode) and invalid ones (wrong
 * types, missing required fields, unknown fields, bodies that are not JSON, wrong content types, hostile path
 * segments and headers).
 */
final class RequestGenerator {
    /** What a request tries. */
    enum Kind {
        VALID,
        BOUNDARY,
        INVALID
    }

    /**
     * One generated request.
     *
     * @param kind what it tries
     * @param method the HTTP method
     * @param pathAndQuery the encoded path and query
     * @param headers extra headers, besides the caller's
     * @param body the body, or null
     */
    record Request(Kind kind, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {}

    private static final List<String> ODD_STRINGS = List.of(
            "",
            " ",
            "../../etc/passwd",
            "%00",
            "\u0000",
            "null",
            "-1",
            "9223372036854775808",
            "1e309",
            "NaN",
            "'; DROP TABLE devices; --",
            "<script>alert(1)</script>",
            "\u202e\u0645\u0631\u062d\u0628\u0627",
            "\ud83d\ude00\ud83d\ude00",
            "\ud800",
            "{\"a\":1}",
            "a".repeat(65),
            "x".repeat(5000));
    private static final List<Object> ODD_NUMBERS =
            List.of(0, -1, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0, 1e300, "12", true);
    private static final List<String> NOT_JSON =
            List.of("", "{", "[]", "null", "\"text\"", "{\"a\":}", "{\"a\":1,\"a\":2}", "\u0000\u0001\u0002");

    private final Random random;
    private final OpenApiOperations schemas;
    private final Function<String, String> fixtures;

    /**
     * Creates a generator.
     *
     * @param random the seeded source of every choice
     * @param schemas resolves schema references
     * @param fixtures the value of an identifier named like a fixture ({@code deviceId}...), or null for none
     */
    RequestGenerator(Random random, OpenApiOperations schemas, Function<String, String> fixtures) {
        this.random = random;
        this.schemas = schemas;
        this.fixtures = fixtures;
    }

    /**
     * Generates one request.
     *
     * @param operation the operation
     * @param kind what the request tries
     * @return the request
     */
    Request request(Operation operation, Kind kind) {
        String path = operation.path();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter p : operation.parameters()) {
            if (!p.required() && kind == Kind.VALID && random.nextBoolean()) {
                continue;
            }
            String value = kind == Kind.VALID ? text(valid(p.name(), p.schema(), 0)) : oddText(p.name(), p.schema());
            switch (p.in()) {
                case "path" -> path = path.replace("{" + p.name() + "}", encodePath(value));
                case "query" -> query.put(p.name(), value);
                case "header" -> headers.put(p.name(), ascii(value));
                default -> {}
            }
        }
        byte[] body = operation.body() == null && random.nextInt(8) != 0 ? null : body(operation, kind, headers);
        if (kind == Kind.INVALID && random.nextInt(4) == 0) {
            headers.put(
                    pick(List.of("Accept", "Authorization", "Content-Length-Bogus", "X-Forwarded-For")),
                    ascii(pick(List.of("text/xml", "Bearer", "Basic Zm9vOmJhcg==", "Bearer a.b.c", "999.1.1.1, ,"))));
        }
        StringBuilder uri = new StringBuilder(path);
        String separator = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(separator).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            separator = "&";
        }
        return new Request(kind, operation.method(), uri.toString(), headers, body);
    }

    private byte[] body(Operation operation, Kind kind, Map<String, String> headers) {
        headers.put("Content-Type", "application/json");
        if (kind == Kind.INVALID) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    return pick(NOT_JSON).getBytes(StandardCharsets.UTF_8);
                }
                case 1 -> headers.put("Content-Type", pick(List.of("text/plain", "application/xml", "*/*", ";;")));
                case 2 -> {
                    return ("[" + "1,".repeat(200_000) + "1]").getBytes(StandardCharsets.UTF_8);
                }
                default -> {}
            }
        }
        Map<String, Object> schema = operation.body() == null ? Map.of("type", "object") : operation.body();
        Object value = kind == Kind.VALID ? valid("body", schema, 0) : mutated(schema, kind);
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** A valid value of a schema; identifiers named like a fixture take the fixture. */
    Object valid(String name, Map<String, Object> schema, int depth) {
        String fixture = fixtures.apply(name);
        if (fixture != null && random.nextInt(4) != 0) {
            return fixture;
        }
        Object example = schema.get("example");
        if (example != null && random.nextBoolean()) {
            return example;
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(random.nextInt(values.size()));
        }
        return switch (String.valueOf(schema.get("type"))) {
            case "integer" -> integer(schema);
            case "number" -> Math.round(random.nextDouble() * 1000) / 10.0;
            case "boolean" -> random.nextBoolean();
            case "array" -> depth > 4
                    ? List.of()
                    : List.of(valid(name, schemas.resolve(schema.get("items")), depth + 1));
            case "object" -> object(schema, depth);
            default -> string(schema);
        };
    }

    private Object mutated(Map<String, Object> schema, Kind kind) {
        Object value = valid("body", schema, 0);
        if (!(value instanceof Map<?, ?> map)) {
            return kind == Kind.BOUNDARY ? List.of() : pick(ODD_NUMBERS);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        map.forEach((k, v) -> members.put((String) k, v));
        List<String> names = new ArrayList<>(members.keySet());
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            String field = names.isEmpty() ? "unknownField" : pick(names);
            int what = random.nextInt(kind == Kind.BOUNDARY ? 2 : 5);
            switch (what) {
                case 0 -> members.put(field, pick(ODD_STRINGS));
                case 1 -> members.put(field, pick(ODD_NUMBERS));
                case 2 -> members.remove(field);
                case 3 -> members.put("unknownField" + i, "x");
                default -> members.put(field, random.nextBoolean() ? null : List.of(Map.of("nested", List.of())));
            }
        }
        return members;
    }

    private Map<String, Object> object(Map<String, Object> schema, int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
        OpenApiOperations.map(schema.get("properties")).forEach((name, property) -> {
            if (depth < 4 && (required.contains(name) || random.nextBoolean())) {
                members.put(name, valid(name, schemas.resolve(property), depth + 1));
            }
        });
        return members;
    }

    private Object integer(Map<String, Object> schema) {
        long min = schema.get("minimum") instanceof Number n ? n.longValue() : 0;
        long max = schema.get("maximum") instanceof Number n ? n.longValue() : Math.max(min, 0) + 1000;
        return min + (long) (random.nextDouble() * (Math.min(max, min + 100_000) - min));
    }

    private String string(Map<String, Object> schema) {
        if ("date-time".equals(schema.get("format"))) {
            return java.time.Instant.ofEpochMilli(1_800_000_000_000L + random.nextInt(1_000_000))
                    .toString();
        }
        int max = schema.get("maxLength") instanceof Number n ? n.intValue() : 24;
        int min = schema.get("minLength") instanceof Number n ? n.intValue() : 1;
        int length = Math.max(min, Math.min(max, 3 + random.nextInt(12)));
        StringBuilder out = new StringBuilder("fz-");
        while (out.length() < length) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.substring(0, Math.max(length, Math.min(3, max)));
    }

    private String oddText(String name, Map<String, Object> schema) {
        if (random.nextInt(3) == 0) {
            return text(valid(name, schema, 0));
        }
        return random.nextBoolean() ? pick(ODD_STRINGS) : String.valueOf(pick(ODD_NUMBERS));
    }

    private static String text(Object value) {
        return value instanceof String s ? s : Json.write(value);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Encodes a path segment, keeping a few raw characters a hostile client would send unencoded. */
    private String encodePath(String value) {
        String encoded = encode(value).replace("+", "%20");
        return value.startsWith("..") && random.nextBoolean() ? value.replace("/", "%2F") : encoded;
    }

    /** A header value as HTTP/1.1 allows it (visible ASCII and spaces); other characters become '?'. */
    private static String ascii(String value) {
        String visible = value.chars()
                .map(c -> c >= 0x20 && c < 0x7f ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        return visible.isEmpty() ? "x" : visible;
    }
}
