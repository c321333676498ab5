package org.biotdm.devnet.ca;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the JSON body of {@code POST /enroll}, refusing anything that is not the expected shape. */
final class EnrollmentJson {
    private EnrollmentJson() {}

    static EnrollmentRequest parseRequest(byte[] body) throws EnrollmentException {
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw malformed("body must be a JSON object");
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw malformed("body must be a JSON object");
        }
        return new EnrollmentRequest(
                string(json, "mspId"),
                string(json, "enrollmentId"),
                string(json, "csr"),
                string(json, "type"),
                attributes(json));
    }

    private static String string(JsonObject json, String field) throws EnrollmentException {
        JsonElement value = json.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw malformed(field + " must be a string");
        }
        return value.getAsString();
    }

    private static Map<String, String> attributes(JsonObject json) throws EnrollmentException {
        JsonElement value = json.get("attributes");
        if (value == null || value.isJsonNull()) {
            return Map.of();
        }
        if (!value.isJsonObject()) {
            throw malformed("attributes must be an object of strings");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
            JsonElement attribute = entry.getValue();
            if (!attribute.isJsonPrimitive() || !attribute.getAsJsonPrimitive().isString()) {
                throw malformed("attributes must be an object of strings");
            }
            attributes.put(entry.getKey(), attribute.getAsString());
        }
        return attributes;
    }

    private static EnrollmentException malformed(String message) {
        return new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_MALFORMED_REQUEST, message);
    }
}
