package org.biotdm.chaincode.support;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Validates request fields against the documented limits; every failure is {@code INVALID_ARGUMENT} naming the
 * field, and nothing has been written when it is thrown.
 *
 * <p>Ids (device, command, grant, window, group, command type, MSP) match {@value #ID_REGEX}: at most 64 ASCII
 * letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit, so no control characters and
 * no key or event separators. Free text is at most {@value #MAX_TEXT} characters without control characters.
 */
public final class Check {
    /** Pattern every id matches. */
    public static final String ID_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** Largest free-text length (reasons, metadata values). */
    public static final int MAX_TEXT = 256;

    /** Most metadata entries a device may carry. */
    public static final int MAX_METADATA_ENTRIES = 32;

    /** Latest accepted time: 9999-12-31T23:59:59.999Z in epoch milliseconds. */
    public static final long MAX_TIME = 253_402_300_799_999L;

    /** Pattern of a device model: {@code <manufacturer MSP ID>/<model name>}, both id-shaped. */
    public static final String MODEL_REGEX = ID_REGEX + "/" + ID_REGEX;

    private static final Pattern ID = Pattern.compile(ID_REGEX);
    private static final Pattern MODEL = Pattern.compile(MODEL_REGEX);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Check() {}

    /**
     * Checks a required id.
     *
     * @param field the field name, for the message
     * @param value the value
     * @return the value
     */
    public static String id(final String field, final String value) {
        required(field, value);
        if (!ID.matcher(value).matches()) {
            throw invalid(field, "must match " + ID_REGEX);
        }
        return value;
    }

    /**
     * Checks a required device model, {@code <manufacturer MSP ID>/<model name>}.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    public static String model(final String field, final String value) {
        required(field, value);
        if (!MODEL.matcher(value).matches()) {
            throw invalid(field, "must be <manufacturer MSP ID>/<model name>, each matching " + ID_REGEX);
        }
        return value;
    }

    /**
     * Returns the manufacturer MSP named by a validated model.
     *
     * @param model a model accepted by {@link #model}
     * @return the MSP ID before the slash
     */
    public static String manufacturerOf(final String model) {
        return model.substring(0, model.indexOf('/'));
    }

    /**
     * Checks an optional id.
     *
     * @param field the field name
     * @param value the value, possibly {@code null}
     * @return the value
     */
    public static String optionalId(final String field, final String value) {
        return value == null ? null : id(field, value);
    }

    /**
     * Checks a required lower-case hex SHA-256 digest.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    public static String sha256(final String field, final String value) {
        required(field, value);
        if (!SHA256_HEX.matcher(value).matches()) {
            throw invalid(field, "must be 64 lower-case hex digits (SHA-256)");
        }
        return value;
    }

    /**
     * Checks optional free text.
     *
     * @param field the field name
     * @param value the value, possibly {@code null}
     * @return the value
     */
    public static String text(final String field, final String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw invalid(field, "exceeds " + MAX_TEXT + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "contains control characters");
        }
        return value;
    }

    /**
     * Checks required, non-blank free text.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    public static String requiredText(final String field, final String value) {
        required(field, value);
        if (value.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        return text(field, value);
    }

    /**
     * Checks a required time.
     *
     * @param field the field name
     * @param value epoch milliseconds
     * @return the value
     */
    public static long time(final String field, final Long value) {
        return range(field, value, 0, MAX_TIME);
    }

    /**
     * Checks a required integer range.
     *
     * @param field the field name
     * @param value the value
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value
     */
    public static long range(final String field, final Long value, final long min, final long max) {
        required(field, value);
        if (value < min || value > max) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * Checks required standard base64 and decodes it.
     *
     * @param field the field name
     * @param value the value
     * @param maxLength the largest accepted text length
     * @return the decoded bytes, never empty
     */
    public static byte[] base64(final String field, final String value, final int maxLength) {
        required(field, value);
        if (value.length() > maxLength) {
            throw invalid(field, "exceeds " + maxLength + " characters");
        }
        try {
            final byte[] bytes = Base64.getDecoder().decode(value);
            if (bytes.length == 0) {
                throw invalid(field, "must not be empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be standard base64");
        }
    }

    /**
     * Checks device metadata: at most {@value #MAX_METADATA_ENTRIES} entries, id-shaped names, text values.
     *
     * @param metadata the metadata, possibly {@code null}
     * @return a sorted, unmodifiable copy; empty when {@code null}
     */
    public static SortedMap<String, String> metadata(final Map<String, String> metadata) {
        final SortedMap<String, String> sorted = new TreeMap<>();
        if (metadata == null) {
            return Collections.unmodifiableSortedMap(sorted);
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw invalid("metadata", "has more than " + MAX_METADATA_ENTRIES + " entries");
        }
        for (final Map.Entry<String, String> entry : metadata.entrySet()) {
            id("metadata name", entry.getKey());
            sorted.put(entry.getKey(), requiredText("metadata." + entry.getKey(), entry.getValue()));
        }
        return Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * Checks a required, non-empty list of ids and returns it sorted without duplicates.
     *
     * @param field the field name
     * @param values the list
     * @param maxSize the largest accepted size
     * @return a sorted, unmodifiable list
     */
    public static List<String> idSet(final String field, final List<String> values, final int maxSize) {
        required(field, values);
        if (values.isEmpty() || values.size() > maxSize) {
            throw invalid(field, "must hold between 1 and " + maxSize + " entries");
        }
        final TreeSet<String> sorted = new TreeSet<>();
        for (final String value : values) {
            sorted.add(id(field, value));
        }
        return List.copyOf(sorted);
    }

    /**
     * Checks that a required field is present.
     *
     * @param field the field name
     * @param value the value
     */
    public static void required(final String field, final Object value) {
        if (value == null) {
            throw invalid(field, "is required");
        }
    }

    /**
     * Creates the {@code INVALID_ARGUMENT} error for a field.
     *
     * @param field the field name
     * @param problem what is wrong, completing "field …"
     * @return the exception to throw
     */
    public static ChaincodeException invalid(final String field, final String problem) {
        return ErrorCode.INVALID_ARGUMENT.error(field + " " + problem);
    }
}
