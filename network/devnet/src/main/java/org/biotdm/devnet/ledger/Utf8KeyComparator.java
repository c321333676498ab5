package org.biotdm.devnet.ledger;

import java.util.Comparator;

/**
 * Orders keys by the unsigned bytes of their UTF-8 encoding, the order of Fabric's LevelDB state database and of its
 * range queries (brief §3.1). {@link String#compareTo} compares UTF-16 code units instead and sorts a supplementary
 * character such as U+10FFFF (a surrogate pair, D800..DFFF) <em>below</em> U+E000..U+FFFF; UTF-8 byte order equals
 * code point order, which puts it above.
 *
 * <p>The comparison works on the chars directly, without encoding: the first differing code unit decides, after the
 * fix-up ICU uses for code point order ({@code u_strCompare} with {@code codePointOrder}), which lifts surrogates above
 * U+E000..U+FFFF. Keys are assumed to be well-formed UTF-16, as every key decoded from a protobuf string is.
 */
public final class Utf8KeyComparator implements Comparator<String> {

    /** The shared instance; the comparator is stateless. */
    public static final Utf8KeyComparator INSTANCE = new Utf8KeyComparator();

    private Utf8KeyComparator() {}

    /**
     * Compares two keys in UTF-8 byte order.
     *
     * @param a the first key
     * @param b the second key
     * @return negative, zero or positive as {@code a} sorts before, equal to or after {@code b}
     */
    @Override
    public int compare(String a, String b) {
        return compareKeys(a, b);
    }

    /**
     * Compares two keys in UTF-8 byte order; the static form of {@link #compare}.
     *
     * @param a the first key
     * @param b the second key
     * @return negative, zero or positive as {@code a} sorts before, equal to or after {@code b}
     */
    public static int compareKeys(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return codePointOrder(ca) - codePointOrder(cb);
            }
        }
        return a.length() - b.length();
    }

    /** Maps U+E000..U+FFFF below the surrogates so that UTF-16 unit order becomes code point order. */
    private static int codePointOrder(char c) {
        if (c < Character.MIN_SURROGATE) {
            return c;
        }
        return c > Character.MAX_SURROGATE ? c - 0x800 : c + 0x2000;
    }
}
