package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the chaincode's JSON arguments and parses its JSON results. */
final class Json {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {}

    /**
     * Builds a JSON object argument from alternating names and values, in that order.
     *
     * @param namesAndValues {@code "deviceId", "d-1", "metadata", Map.of(...)}
     * @return the fields, to pass to {@link BiotdmClient#submit} or {@link #write}
     */
    static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    static String write(Object value) {
        return GSON.toJson(value);
    }

    static String argument(Object argument) {
        return argument instanceof String text ? text : write(argument);
    }

    static JsonElement parse(String json) {
        return JsonParser.parseString(json);
    }

    static JsonObject object(byte[] json) {
        return parse(new String(json, UTF_8)).getAsJsonObject();
    }

    /** Returns one string property of every object in an array, in order. */
    static List<String> strings(JsonElement array, String property) {
        List<String> values = new ArrayList<>();
        for (JsonElement element : array.getAsJsonArray()) {
            values.add(element.getAsJsonObject().get(property).getAsString());
        }
        return values;
    }
}
