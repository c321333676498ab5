package org.biotdm.protocol.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON value in the canonical text of {@code biotdm-json-v1} ({@code protocol/json-v1.md}), in the spirit of
 * RFC 8785 (JSON Canonicalization Scheme):
 *
 * <ul>
 *   <li>no whitespace; object members sorted by name in UTF-16 code unit order ({@link String#compareTo});
 *   <li>strings in double quotes, escaping only {@code "}, {@code \} and the control characters U+0000 to U+001F
 *       ({@code \b \f \n \r \t}, the others as {@code \}{@code u00xx} in lower-case hex); all else as UTF-8; an
 *       unpaired surrogate is refused;
 *   <li>an integer ({@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger}: a number token
 *       without fraction or exponent) is written exactly in decimal;
 *   <li>any other number ({@link Double}, {@link Float}, {@link BigDecimal}: a token with a fraction or an exponent) is
 *       taken as the nearest IEEE 754 binary64 value and written as the shortest decimal that reads back as that value
 *       (the digits RFC 8785 §3.2.2.3 and ECMAScript's {@code Number.prototype.toString} choose), in plain notation
 *       without exponent, trailing fractional zeros or a point when integral; {@code -0} is {@code 0};
 *   <li>{@code true}, {@code false}, {@code null}.
 * </ul>
 *
 * <p>Values are the plain Java model of a parsed JSON document: {@code null}, {@link Boolean}, {@link String}, {@link
 * Number}, {@code Map<String, ?>} (an object) and {@code List<?>} (an array). Values nest at most {@value #MAX_DEPTH}
 * levels, and a number's canonical text has at most {@value #MAX_NUMBER_DIGITS} digits before and after the point, so
 * hostile input cannot blow the text up.
 */
public final class CanonicalJson {
    /** The deepest nesting accepted: a scalar is depth 0, the members of a top-level object depth 1. */
    public static final int MAX_DEPTH = 32;
    /** The most digits a number's canonical text may have before, and after, the decimal point. */
    public static final int MAX_NUMBER_DIGITS = 100;

    private static final HexFormat HEX = HexFormat.of();
    private static final int BINARY64_DIGITS = 17;

    private CanonicalJson() {}

    /**
     * Writes a value canonically.
     *
     * @param value the parsed JSON value (see the class comment for the types)
     * @return the canonical text
     * @throws IllegalArgumentException when the value nests deeper than {@value #MAX_DEPTH}, holds a number that is not
     *     finite or has too many digits, a string with an unpaired surrogate, or a type that is not a JSON value
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    /**
     * Returns the SHA-256 of a canonical text's UTF-8 bytes (FIPS 180-4).
     *
     * @param canonical the canonical text
     * @return 64 lower-case hex digits
     */
    public static String sha256Hex(String canonical) {
        try {
            return HEX.formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> members) {
            writeObject(members, out, depth);
        } else if (value instanceof List<?> elements) {
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                out.append(i > 0 ? "," : "");
                write(elements.get(i), out, depth + 1);
            }
            out.append(']');
        } else if (value instanceof String text) {
            writeString(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Number number) {
            out.append(number(number));
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getSimpleName());
        }
    }

    private static void writeObject(Map<?, ?> value, StringBuilder out, int depth) {
        List<String> names = new ArrayList<>(value.size());
        for (Object name : value.keySet()) {
            if (!(name instanceof String text)) {
                throw new IllegalArgumentException("an object member name is not a string");
            }
            names.add(text);
        }
        names.sort(null);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            out.append(i > 0 ? "," : "");
            writeString(names.get(i), out);
            out.append(':');
            write(value.get(names.get(i)), out, depth + 1);
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
                default -> i = appendOther(text, i, out);
            }
        }
        out.append('"');
    }

    private static int appendOther(String text, int i, StringBuilder out) {
        char c = text.charAt(i);
        if (c < 0x20) {
            out.append("\\u00").append(HEX.toHexDigits((byte) c));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(i + 1));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException("a string holds an unpaired surrogate at index " + i);
        }
        out.append(c);
        return i;
    }

    /**
     * Writes a number canonically.
     *
     * @param number an integer type (exact) or a binary64-like type (shortest round-trip digits)
     * @return plain decimal text
     * @throws IllegalArgumentException when it is not finite or its text has too many digits
     */
    static String number(Number number) {
        BigDecimal value;
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            value = BigDecimal.valueOf(number.longValue());
        } else if (number instanceof BigInteger integer) {
            value = new BigDecimal(integer);
        } else {
            value = shortest(number.doubleValue());
        }
        return plain(value);
    }

    /**
     * Finds the shortest decimal that reads back as {@code d} (RFC 8785 §3.2.2.3; ECMAScript Number::toString step
     * 5): for each digit count, the candidates either side of the exact binary value; of two that read back, the
     * nearer, and of two equally near, the one whose last digit is even. JDK 17's {@link Double#toString} is not always
     * shortest (JDK-4511638), so it is not used.
     */
    @SuppressWarnings("PMD.AvoidDecimalLiteralsInBigDecimalConstructor") // the binary value exactly, on purpose
    private static BigDecimal shortest(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("numbers must be finite");
        }
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < BINARY64_DIGITS; digits++) {
            BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
            boolean downReads = Double.parseDouble(down.toString()) == d;
            boolean upReads = Double.parseDouble(up.toString()) == d;
            if (downReads && upReads) {
                return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            }
            if (downReads || upReads) {
                return downReads ? down : up;
            }
        }
        return exact.round(new MathContext(BINARY64_DIGITS, RoundingMode.HALF_EVEN));
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        int integerDigits = stripped.precision() - stripped.scale();
        if (integerDigits > MAX_NUMBER_DIGITS || stripped.scale() > MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException(
                    "a number has more than " + MAX_NUMBER_DIGITS + " digits before or after the point");
        }
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }
}
