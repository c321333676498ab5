package org.biotdm.devnet.ca;

/** The stable codes of enrolment failures, each with the HTTP status the enrolment endpoint answers with. */
enum EnrollmentErrorCode {
    /** The request names an MSP the devnet has no CA for. */
    ENROLLMENT_UNKNOWN_MSP(400),
    /** The enrollment ID is blank, too long or has characters outside {@code [A-Za-z0-9._@-]}. */
    ENROLLMENT_INVALID_ID(400),
    /** The CSR does not parse, its signature does not verify or its key is not EC P-256. */
    ENROLLMENT_INVALID_CSR(400),
    /** The type is not a NodeOU Fabric knows: {@code client}, {@code peer}, {@code orderer}, {@code admin}. */
    ENROLLMENT_INVALID_TYPE(400),
    /**
     * The type is {@code peer}, {@code orderer} or {@code admin}: a registrar issues client identities only, since
     * those others could endorse, order or administer for the organisation.
     */
    ENROLLMENT_TYPE_FORBIDDEN(403),
    /** An attribute name or value is not acceptable, or a reserved {@code hf.} attribute was requested. */
    ENROLLMENT_INVALID_ATTRIBUTE(400),
    /** The HTTP body is not the expected JSON object. */
    ENROLLMENT_MALFORMED_REQUEST(400),
    /** The HTTP request carries no or wrong registrar credentials. */
    ENROLLMENT_UNAUTHENTICATED(401),
    /** The registrar may not enrol into the requested MSP. */
    ENROLLMENT_FORBIDDEN(403),
    /** No such HTTP resource. */
    ENROLLMENT_NOT_FOUND(404),
    /** The HTTP method is not POST. */
    ENROLLMENT_METHOD_NOT_ALLOWED(405),
    /** The HTTP body exceeds the size limit. */
    ENROLLMENT_REQUEST_TOO_LARGE(413),
    /** An unexpected failure; details are logged, not returned. */
    ENROLLMENT_INTERNAL_ERROR(500);

    private final int httpStatus;

    EnrollmentErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /**
     * Returns the HTTP status this failure maps to.
     *
     * @return the status code
     */
    public int httpStatus() {
        return httpStatus;
    }
}
