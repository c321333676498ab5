package org.biotdm.gateway.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an export: encodes rows only as the response reads it. Each refill pulls rows from the cursor until
 * about {@value #CHUNK_BYTES} bytes are encoded, so at most one chunk (plus the cursor's fetch) is in memory,
 * however large the export. Closing it (the server does, at the end or when the client goes away) closes the
 * cursor and its database connection.
 *
 * @param <T> the row type
 */
final class ExportStream<T> extends InputStream {
    /** Bytes encoded per refill. */
    static final int CHUNK_BYTES = 32 * 1024;

    private final RowCursor<T> cursor;
    private final RowEncoder<T> encoder;
    private final Runnable onClose;
    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK_BYTES + 1024);
    private byte[] buffer = new byte[0];
    private int position;
    private boolean started;
    private boolean finished;
    private boolean first = true;
    private boolean closed;

    /**
     * Creates the stream.
     *
     * @param cursor the rows, closed with the stream
     * @param encoder the format
     * @param onClose run once when the stream is closed (releases the export slot)
     */
    ExportStream(RowCursor<T> cursor, RowEncoder<T> encoder, Runnable onClose) {
        this.cursor = cursor;
        this.encoder = encoder;
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.length - position;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                cursor.close();
            } finally {
                onClose.run();
            }
        }
    }

    private boolean fill() throws IOException {
        while (position >= buffer.length) {
            if (finished || closed) {
                return false;
            }
            chunk.reset();
            if (!started) {
                encoder.begin(chunk);
                started = true;
            }
            while (chunk.size() < CHUNK_BYTES) {
                T row = cursor.next();
                if (row == null) {
                    encoder.end(chunk);
                    finished = true;
                    cursor.close();
                    break;
                }
                encoder.row(chunk, row, first);
                first = false;
            }
            buffer = chunk.toByteArray();
            position = 0;
        }
        return true;
    }
}
