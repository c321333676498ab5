package org.biotdm.gateway.firmware;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a firmware image, {@code first} to {@code last} inclusive, read from an HTTP {@code Range} header
 * (RFC 9110 §14.1.2): {@code bytes=first-last}, {@code bytes=first-} or the suffix form {@code bytes=-length}. Devices
 * resume a download with one range; a header naming several ranges is answered with the whole image, as RFC 9110
 * §14.2 allows a server to ignore {@code Range}.
 *
 * @param first the first byte's offset, 0 ≤ first ≤ last
 * @param last the last byte's offset, last &lt; the image size
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /**
     * Returns the range's length.
     *
     * @return bytes, at least 1
     */
    public long length() {
        return last - first + 1;
    }

    /**
     * Returns the {@code Content-Range} value of a 206 answer (RFC 9110 §14.4).
     *
     * @param size the image size
     * @return {@code bytes first-last/size}
     */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Reads a {@code Range} header against an image size.
     *
     * @param header the header value, or null
     * @param size the image size in bytes, at least 1
     * @return the range; empty when there is no header, it is not one byte range, or its last offset lies before its
     *     first (RFC 9110 §14.1.1: invalid, so ignored; serve the whole image)
     * @throws RangeNotSatisfiableException when the one range lies outside the image (answer 416 with {@code
     *     Content-Range: bytes *&#47;size})
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
            return Optional.empty();
        }
        if (matcher.group(1).isEmpty()) {
            long suffix = Long.parseLong(matcher.group(2));
            if (suffix == 0) {
                throw new RangeNotSatisfiableException(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(matcher.group(2));
        if (last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw new RangeNotSatisfiableException(size);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** Thrown when a {@code Range} header's one range lies outside the image (RFC 9110 §15.5.17, 416). */
    public static final class RangeNotSatisfiableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The image size, for {@code Content-Range: bytes *&#47;size}. */
        private final long size;

        RangeNotSatisfiableException(long size) {
            super("the range lies outside the image's " + size + " bytes");
            this.size = size;
        }

        /**
         * Returns the image size.
         *
         * @return bytes
         */
        public long size() {
            return size;
        }
    }
}
