package org.biotdm.devnet.fabricca;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON bodies of Fabric CA's requests (fabric-ca {@code api/client.go} and {@code api/net.go}), read strictly:
 * a field of the wrong JSON type is {@link FabricCaException#BAD_BODY}, as Go's decoder would refuse it. Unknown
 * fields are ignored, as Go's decoder ignores them. Field names are matched as Go matches them, without regard to
 * case ({@code caname} and {@code CAName} alike).
 */
final class CaRequests {
    /** The most attributes a registration may carry. */
    static final int MAX_ATTRIBUTES = 32;

    /** The longest attribute value, in characters. */
    static final int MAX_VALUE_LENGTH = 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private CaRequests() {}

    /**
     * {@code POST /api/v1/register}.
     *
     * @param id the identity to register
     * @param type its type; empty for the registrar's own
     * @param secret its secret; empty to have one generated
     * @param maxEnrollments how often it may enrol; 0 for the CA's default (no limit), -1 for no limit
     * @param affiliation its affiliation; empty for the registrar's, {@code "."} for the root
     * @param attributes name to value and {@code ecert} flag
     */
    record Registration(
            String id,
            String type,
            String secret,
            int maxEnrollments,
            String affiliation,
            Map<String, CaIdentity.Attribute> attributes) {}

    /**
     * An entry of {@code attr_reqs}.
     *
     * @param name the attribute
     * @param optional whether a missing attribute is skipped instead of refused
     */
    record AttributeRequest(String name, boolean optional) {}

    /**
     * {@code POST /api/v1/enroll} and {@code reenroll}.
     *
     * @param csrPem the PEM PKCS#10 request ({@code certificate_request})
     * @param attributeRequests the {@code attr_reqs}, or null when absent (the {@code ecert} attributes then)
     */
    record Enrollment(String csrPem, List<AttributeRequest> attributeRequests) {}

    /**
     * {@code POST /api/v1/revoke}.
     *
     * @param id the identity whose certificates to revoke, or empty
     * @param aki the authority key identifier of one certificate, hex, or empty
     * @param serial that certificate's serial number, hex, or empty
     * @param genCrl whether to answer with the CA's CRL
     */
    record Revocation(String id, String aki, String serial, boolean genCrl) {}

    static JsonObject object(byte[] body) throws FabricCaException {
        if (body.length == 0) {
            throw new FabricCaException(400, FabricCaException.EMPTY_BODY, "Empty request body");
        }
        try {
            JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (parsed.isJsonObject()) {
                return parsed.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // answered below
        }
        throw bad("the body must be a JSON object");
    }

    static Registration registration(JsonObject json) throws FabricCaException {
        return registration(json, string(json, "id"));
    }

    /** A registration, or the body of {@code PUT /identities/{id}} with the identity from the path. */
    static Registration registration(JsonObject json, String id) throws FabricCaException {
        if (!NAME.matcher(id).matches()) {
            throw bad("id must be 1 to 64 characters of [A-Za-z0-9._@-]");
        }
        long max = number(json, "max_enrollments");
        if (max < -1 || max > Integer.MAX_VALUE) {
            throw new FabricCaException(
                    400, FabricCaException.INVALID_MAX_ENROLLMENTS, "Invalid max enrollment value of " + max);
        }
        return new Registration(
                id,
                string(json, "type"),
                string(json, "secret"),
                (int) max,
                string(json, "affiliation"),
                attributes(json));
    }

    static Enrollment enrollment(JsonObject json) throws FabricCaException {
        JsonElement requests = field(json, "attr_reqs");
        if (requests == null || requests.isJsonNull()) {
            return new Enrollment(string(json, "certificate_request"), null);
        }
        List<AttributeRequest> parsed = new ArrayList<>();
        for (JsonObject request : objects(requests, "attr_reqs")) {
            if (parsed.size() == MAX_ATTRIBUTES) {
                throw bad("at most " + MAX_ATTRIBUTES + " attr_reqs");
            }
            parsed.add(new AttributeRequest(string(request, "name"), bool(request, "optional")));
        }
        return new Enrollment(string(json, "certificate_request"), parsed);
    }

    static Revocation revocation(JsonObject json) throws FabricCaException {
        return new Revocation(
                string(json, "id"),
                hexInput(string(json, "aki")),
                hexInput(string(json, "serial")),
                bool(json, "gencrl"));
    }

    /** The CA named in the body ({@code caname}, any case), or empty. */
    static String caName(JsonObject json) throws FabricCaException {
        return string(json, "caname");
    }

    /** Fabric CA's {@code parseInput}: lower case, no colons, no leading zeros. */
    private static String hexInput(String value) {
        String hex = value.replace(":", "").toLowerCase(java.util.Locale.ROOT);
        int start = 0;
        while (start < hex.length() && hex.charAt(start) == '0') {
            start++;
        }
        return hex.substring(start);
    }

    private static Map<String, CaIdentity.Attribute> attributes(JsonObject json) throws FabricCaException {
        Map<String, CaIdentity.Attribute> attributes = new LinkedHashMap<>();
        JsonElement attrs = field(json, "attrs");
        if (attrs == null || attrs.isJsonNull()) {
            return attributes;
        }
        for (JsonObject attribute : objects(attrs, "attrs")) {
            String name = string(attribute, "name");
            String value = string(attribute, "value");
            if (attributes.size() == MAX_ATTRIBUTES
                    || !NAME.matcher(name).matches()
                    || value.length() > MAX_VALUE_LENGTH
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw bad("attrs: at most " + MAX_ATTRIBUTES + ", names of [A-Za-z0-9._@-], values of at most "
                        + MAX_VALUE_LENGTH + " characters without control characters");
            }
            attributes.put(name, new CaIdentity.Attribute(value, bool(attribute, "ecert")));
        }
        return attributes;
    }

    private static List<JsonObject> objects(JsonElement array, String field) throws FabricCaException {
        if (!array.isJsonArray()) {
            throw bad(field + " must be an array of objects");
        }
        List<JsonObject> objects = new ArrayList<>();
        for (JsonElement element : (JsonArray) array) {
            if (!element.isJsonObject()) {
                throw bad(field + " must be an array of objects");
            }
            objects.add(element.getAsJsonObject());
        }
        return objects;
    }

    private static JsonElement field(JsonObject json, String name) {
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String string(JsonObject json, String name) throws FabricCaException {
        JsonElement value = field(json, name);
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw bad(name + " must be a string");
        }
        return value.getAsString();
    }

    private static long number(JsonObject json, String name) throws FabricCaException {
        JsonElement value = field(json, name);
        if (value == null || value.isJsonNull()) {
            return 0;
        }
        try {
            if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                return value.getAsBigDecimal().longValueExact();
            }
        } catch (ArithmeticException e) {
            // answered below
        }
        throw bad(name + " must be an integer");
    }

    private static boolean bool(JsonObject json, String name) throws FabricCaException {
        JsonElement value = field(json, name);
        if (value == null || value.isJsonNull()) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw bad(name + " must be true or false");
        }
        return value.getAsBoolean();
    }

    private static FabricCaException bad(String message) {
        return new FabricCaException(400, FabricCaException.BAD_BODY, "Invalid request body: " + message);
    }
}
