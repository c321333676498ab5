package org.biotdm.protocol.cluster;

import java.util.Objects;

/** Thrown when a step of the cluster-key protocol is refused; carries the catalogue code. */
public final class ClusterRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The refusal, never null. */
    private final ClusterError error;

    /**
     * Creates the exception.
     *
     * @param error the refusal
     * @param message what was wrong, for people; it names devices and fields, never key material
     */
    public ClusterRefusedException(ClusterError error, String message) {
        super("[" + error.code() + "] " + message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * Returns the refusal.
     *
     * @return the error, whose {@link ClusterError#code()} is the catalogue code
     */
    public ClusterError error() {
        return error;
    }
}
