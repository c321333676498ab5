package org.biotdm.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8KeyComparatorTest {

    private static final String MAX_BMP = "\uFFFF";
    private static final String MAX_CODE_POINT = new String(Character.toChars(0x10FFFF));

    @Test
    void sorts_supplementary_characters_above_the_end_of_the_bmp_unlike_string_compare_to() {
        assertThat(MAX_CODE_POINT.compareTo(MAX_BMP)).as("UTF-16 order").isNegative();

        assertThat(Utf8KeyComparator.INSTANCE.compare(MAX_CODE_POINT, MAX_BMP)).isPositive();
        assertThat(Utf8KeyComparator.compareKeys("a" + MAX_BMP, "a" + MAX_CODE_POINT))
                .isNegative();
        assertThat(Utf8KeyComparator.compareKeys("\uE000", "\uD800\uDC00")).isNegative();
    }

    @Test
    void sorts_composite_keys_first_and_prefixes_before_longer_keys() {
        assertThat(Utf8KeyComparator.compareKeys("\u0000asset\u0000", "\u0001")).isNegative();
        assertThat(Utf8KeyComparator.compareKeys("abc", "abcd")).isNegative();
        assertThat(Utf8KeyComparator.compareKeys("abc", "abc")).isZero();
        assertThat(Utf8KeyComparator.compareKeys("b", "abc")).isPositive();
    }

    @Test
    void agrees_with_unsigned_utf8_byte_order_on_random_keys() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String a = randomKey(random);
            String b = random.nextInt(4) == 0 ? a + randomKey(random) : randomKey(random);
            int expected = Integer.signum(
                    Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(Utf8KeyComparator.compareKeys(a, b)))
                    .as("%s vs %s", escape(a), escape(b))
                    .isEqualTo(expected);
        }
    }

    private static String randomKey(Random random) {
        int[] pool = {
            0x00, 0x01, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF
        };
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            int codePoint = random.nextBoolean() ? pool[random.nextInt(pool.length)] : random.nextInt(0x110000);
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                codePoint = 0x10400; // lone surrogates are not valid UTF-8 keys
            }
            key.appendCodePoint(codePoint);
        }
        return key.toString();
    }

    private static String escape(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString();
    }
}
