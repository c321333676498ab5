package org.biotdm.devnet.ca;

import java.util.Objects;

/** Raised when an enrolment request is refused; carries a stable {@link EnrollmentErrorCode}. */
final class EnrollmentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final EnrollmentErrorCode code;
    private final String reason;

    /**
     * Creates an enrolment failure.
     *
     * @param code the stable error code
     * @param message the human-readable reason, safe to return to the caller
     */
    public EnrollmentException(EnrollmentErrorCode code, String message) {
        super("[" + code + "] " + message);
        this.code = Objects.requireNonNull(code, "code");
        this.reason = message;
    }

    /**
     * Returns the stable error code.
     *
     * @return the code
     */
    public EnrollmentErrorCode code() {
        return code;
    }

    /**
     * Returns the reason without the code prefix that {@link #getMessage()} carries.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
