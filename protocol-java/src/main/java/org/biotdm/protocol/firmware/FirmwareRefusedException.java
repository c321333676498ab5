package org.biotdm.protocol.firmware;

import java.util.Objects;

/** Thrown when a firmware manifest, receipt or image fails a verification step; carries the step's error. */
public final class FirmwareRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failed step, never null. */
    private final FirmwareError error;

    /**
     * Creates the exception.
     *
     * @param error the failed step
     * @param message what was wrong, for people; it names fields, never key material
     */
    public FirmwareRefusedException(FirmwareError error, String message) {
        super("[" + error.code() + "] " + message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * Returns the failed step.
     *
     * @return the error, whose {@link FirmwareError#code()} is the catalogue code
     */
    public FirmwareError error() {
        return error;
    }
}
