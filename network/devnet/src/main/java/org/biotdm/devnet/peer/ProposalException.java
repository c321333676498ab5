package org.biotdm.devnet.peer;

/** Raised when a proposal is malformed or fails the endorser's checks; the message is Fabric's wording. */
final class ProposalException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a proposal error.
     *
     * @param message the reason, as a Fabric peer words it
     */
    public ProposalException(String message) {
        super(message);
    }

    /**
     * Creates a proposal error with a cause.
     *
     * @param message the reason, as a Fabric peer words it
     * @param cause the underlying failure
     */
    public ProposalException(String message, Throwable cause) {
        super(message, cause);
    }
}
