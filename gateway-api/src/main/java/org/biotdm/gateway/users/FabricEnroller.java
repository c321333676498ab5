package org.biotdm.gateway.users;

import java.util.Map;

/**
 * Enrols a Fabric identity for a person with their organisation's certificate authority: a PKCS#10 request in, an
 * X.509 certificate carrying the requested Fabric CA attributes (extension OID 1.2.3.4.5.6.7.8.1) out. The dev
 * network's enrolment endpoint implements it ({@link HttpRegistrarEnroller}); on real Fabric a Fabric CA client
 * (register with the registrar, then enroll with {@code attr_reqs}) does the same job behind this interface.
 */
public interface FabricEnroller {
    /**
     * Enrols one client identity.
     *
     * @param mspId the organisation, for example {@code Org1MSP}
     * @param enrollmentId the identity's name (the certificate's CN)
     * @param csrPem the PEM PKCS#10 request signed with the identity's new P-256 key
     * @param attributes the Fabric CA attributes to embed, for example {@code biotdm.role=operator}
     * @return the issued certificate, PEM
     * @throws EnrollmentFailedException when the CA refuses or cannot be reached
     */
    String enroll(String mspId, String enrollmentId, String csrPem, Map<String, String> attributes)
            throws EnrollmentFailedException;

    /**
     * Lists the organisations this enroller can enrol people into (those whose registrar it can act as).
     *
     * @return the MSP IDs, sorted
     */
    java.util.SortedSet<String> organisations();

    /** Thrown when an identity cannot be enrolled. */
    class EnrollmentFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        /** Whether the CA could not be reached (retry later) rather than refused the request. */
        private final boolean unavailable;

        /**
         * Creates the exception.
         *
         * @param message what went wrong
         * @param unavailable true when the CA could not be reached
         * @param cause the underlying failure, or null
         */
        public EnrollmentFailedException(String message, boolean unavailable, Throwable cause) {
            super(message, cause);
            this.unavailable = unavailable;
        }

        /**
         * Tells whether the CA could not be reached.
         *
         * @return true for an outage, false for a refusal
         */
        public boolean unavailable() {
            return unavailable;
        }
    }
}
