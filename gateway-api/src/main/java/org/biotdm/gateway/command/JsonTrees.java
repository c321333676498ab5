package org.biotdm.gateway.command;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts Micronaut's parsed JSON trees into the plain Java model that {@code biotdm-json-v1} writes. */
public final class JsonTrees {
    private JsonTrees() {}

    /**
     * Converts a tree.
     *
     * @param node a parsed JSON value, or null for JSON {@code null}
     * @return {@code null}, a {@link Boolean}, {@link String}, {@link Number} (as the parser produced it: integers as
     *     {@code Integer}/{@code Long}/{@code BigInteger}, other numbers as {@code Double}), {@code Map<String, Object>}
     *     in member order, or {@code List<Object>}
     */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            node.entries().forEach(member -> members.put(member.getKey(), plain(member.getValue())));
            return members;
        }
        if (node.isArray()) {
            List<Object> elements = new ArrayList<>(node.size());
            node.values().forEach(element -> elements.add(plain(element)));
            return elements;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        return node.getNumberValue();
    }
}
