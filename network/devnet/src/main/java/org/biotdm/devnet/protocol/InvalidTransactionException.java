package org.biotdm.devnet.protocol;

import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Signals that an envelope is not a well-formed transaction, carrying the {@link TxValidationCode} a Fabric committer
 * records for it in the block's transactions filter.
 *
 * <p>When the common header could be parsed (every code except {@code NIL_ENVELOPE}, {@code BAD_PAYLOAD} and {@code
 * BAD_COMMON_HEADER}) the exception also carries the {@link ParsedHeader}, so that a validator can still run the
 * checks Fabric runs <em>before</em> the failing one (creator signature, txid, duplicate txid) and report their code
 * instead, exactly in Fabric's order.
 */
public final class InvalidTransactionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final TxValidationCode code;
    private final transient ParsedHeader header;

    /**
     * Creates the exception for input whose common header is not available.
     *
     * @param code the validation code, never {@code VALID}
     * @param message what is wrong, for logs
     */
    public InvalidTransactionException(TxValidationCode code, String message) {
        this(code, message, null, null);
    }

    /**
     * Creates the exception.
     *
     * @param code the validation code, never {@code VALID}
     * @param message what is wrong, for logs
     * @param header the parsed common header, or null when it is not available
     * @param cause the parse failure, or null
     */
    public InvalidTransactionException(TxValidationCode code, String message, ParsedHeader header, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.header = header;
    }

    /**
     * Returns the validation code a Fabric committer would record.
     *
     * @return the code, never {@code VALID}
     */
    public TxValidationCode code() {
        return code;
    }

    /**
     * Returns the common header when parsing got that far.
     *
     * @return the header, or empty for {@code NIL_ENVELOPE}, {@code BAD_PAYLOAD} and {@code BAD_COMMON_HEADER}
     */
    public Optional<ParsedHeader> header() {
        return Optional.ofNullable(header);
    }
}
