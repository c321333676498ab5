package org.biotdm.gateway.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes rows of one type in one format.
 *
 * @param <T> the row type
 */
interface RowEncoder<T> {
    /**
     * Writes what precedes the first row (CSV header, {@code [}).
     *
     * @param out the sink
     * @throws IOException when writing fails
     */
    void begin(OutputStream out) throws IOException;

    /**
     * Writes one row.
     *
     * @param out the sink
     * @param row the row
     * @param first true for the first row
     * @throws IOException when writing fails
     */
    void row(OutputStream out, T row, boolean first) throws IOException;

    /**
     * Writes what follows the last row ({@code ]}).
     *
     * @param out the sink
     * @throws IOException when writing fails
     */
    void end(OutputStream out) throws IOException;
}
