package org.biotdm.gateway.command;

import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON values in the one canonical form whose SHA-256 the ledger records for command parameters
 * ({@code parametersSha256}) and results ({@code resultSha256}), in the spirit of RFC 8785 (JCS):
 *
 * <ul>
 *   <li>no whitespace; object members sorted by name in UTF-16 code unit order (Java's {@link String#compareTo});
 *   <li>strings in double quotes, escaping only {@code "}, {@code \}, and control characters ({@code \b \f \n \r
 *       \t}, the rest as {@code \}{@code u00xx} with lower-case hex); everything else as UTF-8;
 *   <li>numbers in plain decimal without exponent, without trailing fractional zeros and without a fraction when
 *       integral ({@code 1.50} → {@code 1.5}, {@code 2.0} and {@code 2E0} → {@code 2}, {@code -0} → {@code 0});
 *   <li>{@code true}, {@code false}, {@code null}.
 * </ul>
 *
 * Values nest at most {@value #MAX_DEPTH} levels and numbers carry at most {@value #MAX_NUMBER_DIGITS} digits either
 * side of the point, so hostile input cannot blow the text up.
 */
public final class CanonicalJson {
    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 32;
    /** The most digits a number may have before or after the decimal point. */
    public static final int MAX_NUMBER_DIGITS = 100;

    private static final HexFormat HEX = HexFormat.of();

    private CanonicalJson() {}

    /**
     * Writes a value canonically.
     *
     * @param value the parsed JSON value
     * @return the canonical text
     * @throws IllegalArgumentException when the value nests too deep or holds a number out of range
     */
    public static String write(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    /**
     * Returns the SHA-256 of a canonical text's UTF-8 bytes.
     *
     * @param canonical the canonical text
     * @return 64 lower-case hex digits
     */
    public static String sha256(String canonical) {
        try {
            return HEX.formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static void write(JsonNode value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value.isNull()) {
            out.append("null");
        } else if (value.isObject()) {
            writeObject(value, out, depth);
        } else if (value.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : value.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element, out, depth + 1);
            }
            out.append(']');
        } else if (value.isString()) {
            writeString(value.getStringValue(), out);
        } else if (value.isBoolean()) {
            out.append(value.getBooleanValue());
        } else if (value.isNumber()) {
            out.append(number(value.getNumberValue()));
        } else {
            throw new IllegalArgumentException("not a JSON value");
        }
    }

    private static void writeObject(JsonNode value, StringBuilder out, int depth) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        value.entries().forEach(members::add);
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(members.get(i).getKey(), out);
            out.append(':');
            write(members.get(i).getValue(), out, depth + 1);
        }
        out.append('}');
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.toHexDigits((byte) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Writes a number canonically.
     *
     * @param number the parsed number
     * @return plain decimal text
     * @throws IllegalArgumentException when it is not finite or has too many digits
     */
    static String number(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return Long.toString(number.longValue());
        }
        if (number instanceof BigInteger integer) {
            return checked(new BigDecimal(integer)).toString();
        }
        if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
            throw new IllegalArgumentException("numbers must be finite");
        }
        BigDecimal decimal = number instanceof BigDecimal exact ? exact : new BigDecimal(number.toString());
        BigDecimal stripped = checked(decimal).stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }

    private static BigDecimal checked(BigDecimal value) {
        int integerDigits = value.precision() - value.scale();
        if (integerDigits > MAX_NUMBER_DIGITS || value.scale() > MAX_NUMBER_DIGITS + value.precision()) {
            throw new IllegalArgumentException("a number has more than " + MAX_NUMBER_DIGITS + " digits");
        }
        return value;
    }
}
