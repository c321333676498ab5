package org.biotdm.gateway.export;

import java.io.IOException;

/**
 * A forward-only source of export rows.
 *
 * @param <T> the row type
 */
interface RowCursor<T> extends AutoCloseable {
    /**
     * Returns the next row.
     *
     * @return the row, or null after the last
     * @throws IOException when the source fails
     */
    T next() throws IOException;

    @Override
    void close();
}
