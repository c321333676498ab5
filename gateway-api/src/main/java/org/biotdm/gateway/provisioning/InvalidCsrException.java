package org.biotdm.gateway.provisioning;

/** Tells why a certification request was refused; the provisioning endpoint answers {@code PROVISION_INVALID_CSR}. */
public final class InvalidCsrException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message the reason, safe to show to the device
     */
    public InvalidCsrException(String message) {
        super(message);
    }

    /**
     * Creates the failure with its cause.
     *
     * @param message the reason, safe to show to the device
     * @param cause the parser's or verifier's exception
     */
    public InvalidCsrException(String message, Throwable cause) {
        super(message, cause);
    }
}
