package org.biotdm.protocol.anchor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;

/**
 * The anchored content of one reading and its canonical leaf encoding, version {@value #VERSION}.
 *
 * <p>The leaf bytes are the UTF-8 text
 *
 * <pre>
 * biotdm-leaf-v1|&lt;deviceId&gt;|&lt;batchSeq&gt;|&lt;sensor&gt;|&lt;ts&gt;|&lt;kind&gt;|&lt;valueText&gt;|&lt;unit&gt;
 * </pre>
 *
 * where every text field is written as {@code <n>:<text>}, {@code n} being the decimal number of UTF-8 bytes of the
 * text, the integers {@code batchSeq} and {@code ts} are plain decimal ({@link Long#toString(long)}: optional minus
 * sign, no leading zeros), and a reading without unit has {@code -} in place of the unit (so no unit and an empty unit
 * differ). For example {@code biotdm-leaf-v1|6:mote-1|42|8:humidity|1700000000000|1:N|5:45.93|3:%RH}. Because the
 * text fields carry their length, no two different readings share leaf bytes, whatever characters they contain.
 *
 * <p>The readings of a window are ordered by {@link #CANONICAL_ORDER} before they become leaves.
 *
 * @param deviceId the device ID (from the client certificate at ingest)
 * @param batchSeq the sequence number of the signed batch the reading came in
 * @param sensor the sensor name
 * @param ts the reading time, epoch milliseconds (device clock)
 * @param kind the value kind: {@code N} number, {@code S} state string, {@code B} boolean
 * @param valueText the value exactly as the device signed it
 * @param unit the unit, or null when the reading has none
 */
public record ReadingLeaf(
        String deviceId, long batchSeq, String sensor, long ts, String kind, String valueText, String unit) {

    /** The encoding's version tag, the first field of every leaf. */
    public static final String VERSION = "biotdm-leaf-v1";

    /**
     * The canonical order of readings in a window: device ID, batch sequence number, sensor, then (to make the order
     * total, which matters only when a batch carries one sensor several times) reading time, kind, value text and
     * unit (none first). Text compares by Unicode code point, which is the order of its UTF-8 bytes (MariaDB's
     * {@code utf8mb4_bin}); integers compare numerically. Readings that compare equal have identical leaf bytes, so
     * the root depends only on the window's readings, not on the order the database returns them in.
     */
    public static final Comparator<ReadingLeaf> CANONICAL_ORDER = Comparator.comparing(
                    ReadingLeaf::deviceId, ReadingLeaf::compareCodePoints)
            .thenComparingLong(ReadingLeaf::batchSeq)
            .thenComparing(ReadingLeaf::sensor, ReadingLeaf::compareCodePoints)
            .thenComparingLong(ReadingLeaf::ts)
            .thenComparing(ReadingLeaf::kind, ReadingLeaf::compareCodePoints)
            .thenComparing(ReadingLeaf::valueText, ReadingLeaf::compareCodePoints)
            .thenComparing(ReadingLeaf::unit, Comparator.nullsFirst(ReadingLeaf::compareCodePoints));

    private static final byte[] VERSION_BYTES = VERSION.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_UNIT = {'-'};

    /**
     * Creates the anchored content of a reading.
     *
     * @param deviceId the device ID
     * @param batchSeq the batch sequence number
     * @param sensor the sensor name
     * @param ts the reading time, epoch milliseconds
     * @param kind the value kind
     * @param valueText the value text
     * @param unit the unit, or null
     */
    public ReadingLeaf {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valueText, "valueText");
    }

    /**
     * Encodes the reading as its canonical leaf bytes.
     *
     * @return the UTF-8 leaf bytes described in the type's documentation
     */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + valueText.length());
        out.writeBytes(VERSION_BYTES);
        text(out, deviceId);
        number(out, batchSeq);
        text(out, sensor);
        number(out, ts);
        text(out, kind);
        text(out, valueText);
        if (unit == null) {
            out.write('|');
            out.writeBytes(NO_UNIT);
        } else {
            text(out, unit);
        }
        return out.toByteArray();
    }

    /**
     * Returns the leaf bytes as text, for people.
     *
     * @return the leaf encoding as a string
     */
    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /**
     * Hashes the leaf: SHA-256(0x00 ‖ {@link #bytes()}).
     *
     * @return the 32-byte leaf hash
     */
    public byte[] hash() {
        return MerkleTree.leafHash(bytes());
    }

    private static void text(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write('|');
        out.writeBytes(Integer.toString(utf8.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(utf8);
    }

    private static void number(ByteArrayOutputStream out, long value) {
        out.write('|');
        out.writeBytes(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Compares two strings by Unicode code point, which is the order of their UTF-8 encodings ({@link
     * String#compareTo} compares UTF-16 units and differs for characters beyond U+FFFF).
     *
     * @param a one string
     * @param b another string
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
