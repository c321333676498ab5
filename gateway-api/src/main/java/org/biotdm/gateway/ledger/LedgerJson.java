package org.biotdm.gateway.ledger;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Turns chaincode arguments into JSON and chaincode answers back into records, for the typed {@code *Ledger}
 * wrappers. The chaincode's JSON shapes are in chaincode-java/README.md.
 */
public final class LedgerJson {
    private LedgerJson() {}

    /**
     * Serialises a transaction argument.
     *
     * @param json the mapper
     * @param value the argument record
     * @return its JSON text
     * @throws UncheckedIOException when the value cannot be serialised (a programming error)
     */
    public static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a chaincode answer.
     *
     * @param json the mapper
     * @param payload the answer's bytes
     * @param type what it should be
     * @param <T> the record type
     * @return the record
     * @throws LedgerException {@code LEDGER_CHAINCODE_ERROR} when the answer is not JSON of that shape
     */
    public static <T> T read(ObjectMapper json, byte[] payload, Argument<T> type) throws LedgerException {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.LEDGER_CHAINCODE_ERROR,
                    "The chaincode returned JSON that is not a "
                            + type.getType().getSimpleName() + ": " + e.getMessage(),
                    null,
                    e);
        }
    }

    /**
     * Reads a chaincode answer into a class.
     *
     * @param json the mapper
     * @param payload the answer's bytes
     * @param type what it should be
     * @param <T> the record type
     * @return the record
     * @throws LedgerException {@code LEDGER_CHAINCODE_ERROR} when the answer is not JSON of that shape
     */
    public static <T> T read(ObjectMapper json, byte[] payload, Class<T> type) throws LedgerException {
        return read(json, payload, Argument.of(type));
    }
}
