package org.biotdm.protocol.firmware;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;
import org.biotdm.protocol.name.DeviceIds;

/**
 * Reads and checks the fields of a manifest or receipt held in a map, as any JSON parser yields it: text as {@link
 * String}, integers as {@link Long}, {@link Integer} or {@link BigInteger}. Every failure is {@link
 * FirmwareError#FIRMWARE_MANIFEST_INVALID} naming the field.
 */
final class ManifestFields {
    /** A model: {@code <manufacturer MSP ID>/<model name>}, both device-ID shaped ({@code protocol/names.md}). */
    static final Pattern MODEL = Pattern.compile(DeviceIds.RULE + "/" + DeviceIds.RULE);

    /** Semantic Versioning 2.0.0 without build metadata; core numbers of at most nine digits. */
    static final Pattern VERSION = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
            + "(-(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*)?");

    /** Longest version text. */
    static final int MAX_VERSION_CHARS = 64;

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, ?> fields;

    ManifestFields(Map<String, ?> fields) {
        if (fields == null) {
            throw invalid("the manifest is not a JSON object");
        }
        this.fields = fields;
    }

    String text(String name) {
        if (fields.get(name) instanceof String value) {
            return value;
        }
        throw invalid(name + " must be a string");
    }

    String matching(String name, Pattern pattern, int maxChars) {
        String value = text(name);
        if (value.length() > maxChars || !pattern.matcher(value).matches()) {
            throw invalid(name + " does not match its syntax");
        }
        return value;
    }

    String model(String name) {
        return matching(name, MODEL, 2 * DeviceIds.MAX_CHARS + 1);
    }

    String version(String name) {
        return matching(name, VERSION, MAX_VERSION_CHARS);
    }

    String hex256(String name) {
        return matching(name, HEX_256, 64);
    }

    long integer(String name, long min, long max) {
        Object value = fields.get(name);
        BigInteger number;
        if (value instanceof Long || value instanceof Integer) {
            number = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            number = big;
        } else {
            throw invalid(name + " must be a JSON integer");
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(name + " must lie in " + min + "…" + max);
        }
        return number.longValueExact();
    }

    Object raw(String name) {
        return fields.get(name);
    }

    static FirmwareRefusedException invalid(String message) {
        return new FirmwareRefusedException(FirmwareError.FIRMWARE_MANIFEST_INVALID, message);
    }
}
