package org.biotdm.devnet.msp;

/** Raised when an identity cannot be deserialised or is not valid for its MSP. */
public final class MspException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an MSP error.
     *
     * @param message the reason, worded like Fabric's MSP errors
     */
    public MspException(String message) {
        super(message);
    }

    /**
     * Creates an MSP error with a cause.
     *
     * @param message the reason, worded like Fabric's MSP errors
     * @param cause the underlying failure
     */
    public MspException(String message, Throwable cause) {
        super(message, cause);
    }
}
