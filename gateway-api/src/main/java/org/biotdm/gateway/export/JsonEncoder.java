package org.biotdm.gateway.export;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A JSON array with one object per row, each serialised on its own with the service's {@link JsonMapper}.
 *
 * @param <T> the row type, {@code @Serdeable}
 */
final class JsonEncoder<T> implements RowEncoder<T> {
    private final JsonMapper json;

    /**
     * Creates the encoder.
     *
     * @param json the mapper
     */
    JsonEncoder(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void begin(OutputStream out) throws IOException {
        out.write('[');
    }

    @Override
    public void row(OutputStream out, T row, boolean first) throws IOException {
        if (!first) {
            out.write(',');
            out.write('\n');
        }
        out.write(json.writeValueAsBytes(row));
    }

    @Override
    public void end(OutputStream out) throws IOException {
        out.write(']');
        out.write('\n');
    }
}
