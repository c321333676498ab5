package org.biotdm.gateway.ledger;

import org.biotdm.gateway.error.ChaincodeErrors;
import org.biotdm.gateway.error.ErrorCode;

/**
 * A failed ledger call, translated from the fabric-gateway client's exceptions into a catalogue code.
 *
 * <p>Contract errors carry the catalogue entry of the chaincode's own code (the {@code [CODE]} prefix of its message,
 * for example {@code DEVICE_NOT_FOUND}, mapped by {@link ChaincodeErrors}); infrastructure failures use {@link Kind}
 * to tell callers whether to retry.
 */
public final class LedgerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, which decides the HTTP status and whether a retry can help. */
    public enum Kind {
        /** The chaincode refused the transaction (status from the catalogue); retrying the same call fails again. */
        CONTRACT,
        /** The transaction lost an MVCC race even after bounded retries (409). */
        CONFLICT,
        /** The peers or orderer could not be reached (503); retry later. */
        UNAVAILABLE,
        /** The transaction was submitted but its commit status is unknown (504). */
        UNKNOWN_OUTCOME
    }

    private final Kind kind;
    private final ErrorCode code;
    private final String transactionId;

    /**
     * Creates a ledger failure.
     *
     * @param kind the failure kind
     * @param code the catalogue code, for example {@code ANCHOR_CONFLICT} or {@code LEDGER_UNAVAILABLE}
     * @param message a human-readable reason without stack traces
     * @param transactionId the transaction ID, or null when none was assigned
     * @param cause the underlying client exception, or null
     */
    public LedgerException(Kind kind, ErrorCode code, String message, String transactionId, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.transactionId = transactionId;
    }

    /**
     * Returns the failure kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the catalogue code.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Returns the transaction ID, when one was assigned.
     *
     * @return the transaction ID or null
     */
    public String transactionId() {
        return transactionId;
    }
}
