package org.biotdm.gateway.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations of the gateway's OpenAPI 3.0 document ({@code target/classes/META-INF/swagger/biotdm-gateway.yml},
 * generated at compile time from the controllers), with their parameters and request body schemas, {@code $ref}s
 * resolved against {@code components.schemas}.
 */
final class OpenApiOperations {
    /** The compiled document, relative to the module directory. */
    static final Path DOCUMENT = Path.of("target", "classes", "META-INF", "swagger", "biotdm-gateway.yml");

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /**
     * One parameter of an operation.
     *
     * @param name the parameter's name
     * @param in {@code path}, {@code query} or {@code header}
     * @param required whether the operation requires it
     * @param schema its schema, resolved
     */
    record Parameter(String name, String in, boolean required, Map<String, Object> schema) {}

    /**
     * One operation.
     *
     * @param method the HTTP method, upper case
     * @param path the path template, {@code {name}} for path parameters
     * @param parameters its path, query and header parameters
     * @param body the JSON request body's schema, resolved, or null when it takes none
     */
    record Operation(String method, String path, List<Parameter> parameters, Map<String, Object> body) {
        /** Whether the operation is served on the device port (mutual TLS). */
        boolean devicePort() {
            return path.startsWith("/device/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Map<String, Object> schemas;
    private final List<Operation> operations = new ArrayList<>();

    private OpenApiOperations(Map<String, Object> schemas) {
        this.schemas = schemas;
    }

    /**
     * Reads the document.
     *
     * @return its operations and schemas
     * @throws IOException when the document cannot be read
     */
    static OpenApiOperations read() throws IOException {
        Map<String, Object> document;
        try (InputStream in = Files.newInputStream(DOCUMENT)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        OpenApiOperations reader =
                new OpenApiOperations(map(map(document.get("components")).get("schemas")));
        map(document.get("paths")).forEach((path, item) -> {
            for (String method : METHODS) {
                Object operation = map(item).get(method);
                if (operation != null) {
                    reader.operations.add(
                            reader.operation(method.toUpperCase(java.util.Locale.ROOT), path, map(operation)));
                }
            }
        });
        return reader;
    }

    /** The operations in document order. */
    List<Operation> operations() {
        return List.copyOf(operations);
    }

    /**
     * Resolves a schema's {@code $ref}, and the first branch of {@code allOf}, {@code oneOf} or {@code anyOf}.
     *
     * @param schema a schema, possibly a reference
     * @return the schema it stands for; an empty map for null
     */
    Map<String, Object> resolve(Object schema) {
        Map<String, Object> s = map(schema);
        Object ref = s.get("$ref");
        if (ref instanceof String name) {
            return resolve(schemas.get(name.substring(name.lastIndexOf('/') + 1)));
        }
        for (String branch : List.of("allOf", "oneOf", "anyOf")) {
            if (s.get(branch) instanceof List<?> list && !list.isEmpty()) {
                return resolve(list.get(0));
            }
        }
        return s;
    }

    private Operation operation(String method, String path, Map<String, Object> operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (operation.get("parameters") instanceof List<?> list) {
            for (Object p : list) {
                Map<String, Object> parameter = map(p);
                parameters.add(new Parameter(
                        (String) parameter.get("name"),
                        (String) parameter.get("in"),
                        Boolean.TRUE.equals(parameter.get("required")),
                        resolve(parameter.get("schema"))));
            }
        }
        Map<String, Object> content = map(map(operation.get("requestBody")).get("content"));
        Map<String, Object> json = map(content.get("application/json"));
        return new Operation(
                method, path, List.copyOf(parameters), json.isEmpty() ? null : resolve(json.get("schema")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
