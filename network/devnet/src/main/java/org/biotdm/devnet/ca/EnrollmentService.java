package org.biotdm.devnet.ca;

/**
 * Issues identities from certification requests: the seam between the devnet's own CAs ({@link
 * DevCaEnrollmentService}) and, in production, a Fabric CA client performing {@code register} + {@code enroll}.
 */
public interface EnrollmentService {

    /**
     * Enrols a client identity: checks the request and issues a certificate for the CSR's public key, with NodeOU
     * {@code client} and the requested Fabric CA attributes.
     *
     * @param request the enrolment request
     * @return the issued certificate and the CA chain it verifies against
     * @throws EnrollmentException with {@link EnrollmentErrorCode#ENROLLMENT_UNKNOWN_MSP}, {@link
     *     EnrollmentErrorCode#ENROLLMENT_INVALID_ID}, {@link EnrollmentErrorCode#ENROLLMENT_INVALID_CSR}, {@link
     *     EnrollmentErrorCode#ENROLLMENT_INVALID_TYPE} or {@link EnrollmentErrorCode#ENROLLMENT_INVALID_ATTRIBUTE}
     *     when the request is not acceptable, {@link EnrollmentErrorCode#ENROLLMENT_TYPE_FORBIDDEN} when it asks for a
     *     peer, orderer or admin identity
     */
    Enrollment enroll(EnrollmentRequest request) throws EnrollmentException;
}
