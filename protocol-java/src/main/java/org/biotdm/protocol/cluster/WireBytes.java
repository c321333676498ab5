package org.biotdm.protocol.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.biotdm.protocol.name.DeviceIds;

/**
 * Writes and reads the fields of the cluster-key byte layouts: a label ended by {@code 00}, a device ID as one length
 * byte and its ASCII, an unsigned 64-bit big-endian integer, and fixed-length raw bytes.
 */
final class WireBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(160);

    static WireBytes label(String label) {
        WireBytes bytes = new WireBytes();
        bytes.out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        bytes.out.write(0);
        return bytes;
    }

    static WireBytes starting(byte[] prefix) {
        WireBytes bytes = new WireBytes();
        bytes.out.writeBytes(prefix);
        return bytes;
    }

    WireBytes id(String deviceId) {
        if (!DeviceIds.isValid(deviceId)) {
            throw ClusterCrypto.invalid("not a device ID: " + (deviceId == null ? "null" : "'" + deviceId + "'"));
        }
        byte[] ascii = deviceId.getBytes(StandardCharsets.US_ASCII);
        out.write(ascii.length);
        out.writeBytes(ascii);
        return this;
    }

    WireBytes u64(long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    WireBytes u8(int value) {
        out.write(value);
        return this;
    }

    WireBytes raw(byte[] value, int length, String field) {
        if (value == null || value.length != length) {
            throw ClusterCrypto.invalid(field + " must be " + length + " bytes");
        }
        out.writeBytes(value);
        return this;
    }

    WireBytes raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Reads the same fields back; every read refuses with {@code CLUSTER_EXCHANGE_INVALID} past the end. */
    static final class Reader {
        private final ByteBuffer buffer;

        Reader(byte[] bytes, String label) {
            this.buffer = ByteBuffer.wrap(bytes);
            byte[] expected = label(label).bytes();
            if (!ByteBuffer.wrap(raw(expected.length)).equals(ByteBuffer.wrap(expected))) {
                throw ClusterCrypto.invalid("does not start with " + label);
            }
        }

        String id() {
            String id = new String(raw(Byte.toUnsignedInt(u8())), StandardCharsets.US_ASCII);
            if (!DeviceIds.isValid(id)) {
                throw ClusterCrypto.invalid("not a device ID");
            }
            return id;
        }

        long u64() {
            return need(Long.BYTES).getLong();
        }

        byte u8() {
            return need(1).get();
        }

        byte[] raw(int length) {
            byte[] out = new byte[length];
            need(length).get(out);
            return out;
        }

        byte[] rest() {
            return raw(buffer.remaining());
        }

        void end() {
            if (buffer.hasRemaining()) {
                throw ClusterCrypto.invalid(buffer.remaining() + " bytes after the last field");
            }
        }

        private ByteBuffer need(int length) {
            if (buffer.remaining() < length) {
                throw ClusterCrypto.invalid("ends before its last field");
            }
            return buffer;
        }
    }
}
