package org.biotdm.devnet.fabricca;

/**
 * A refusal in Fabric CA's terms: the HTTP status and the error code and message of the response's {@code errors}
 * array, as Fabric CA 1.5's {@code lib/caerrors} defines them. Authentication and authorisation failures carry the
 * generic remote code and text Fabric CA sends ({@value #AUTHENTICATION_FAILURE} "Authentication failure", {@value
 * #AUTHORIZATION_FAILURE} "Authorization failure"), never the reason.
 */
final class FabricCaException extends Exception {
    /** {@code ErrNoAuthHdr}: no {@code Authorization} header. */
    public static final int NO_AUTH_HEADER = 2;

    /** {@code ErrEmptyReqBody}: the request needs a body. */
    public static final int EMPTY_BODY = 4;

    /** {@code ErrBadReqBody}: the body is not the expected JSON. */
    public static final int BAD_BODY = 5;

    /** {@code ErrRevCertNotFound}: no certificate with that serial and AKI. */
    public static final int CERTIFICATE_NOT_FOUND = 8;

    /** {@code ErrCertWrongOwner}: the certificate named belongs to another identity. */
    public static final int CERTIFICATE_WRONG_OWNER = 9;

    /** {@code ErrRevokeIDNotFound}: the identity to revoke is not registered. */
    public static final int REVOKE_ID_NOT_FOUND = 10;

    /** {@code ErrMissingRevokeArgs}: neither an identity nor a serial and AKI. */
    public static final int MISSING_REVOKE_ARGS = 15;

    /** {@code ErrGettingAffiliation}: the affiliation does not exist. */
    public static final int UNKNOWN_AFFILIATION = 16;

    /** {@code ErrCANotFound}: no CA of that name. */
    public static final int CA_NOT_FOUND = 19;

    /** {@code ErrAuthenticationFailure}: the generic remote code of every authentication failure. */
    public static final int AUTHENTICATION_FAILURE = 20;

    /** {@code ErrBadCSR}: the certificate request cannot be decoded or verified. */
    public static final int BAD_CSR = 31;

    /** {@code ErrGettingUser}: the identity named is not registered. */
    public static final int GETTING_USER = 49;

    /** {@code ErrCertAlreadyRevoked}: the certificate is revoked already. */
    public static final int CERTIFICATE_ALREADY_REVOKED = 66;

    /** {@code ErrAuthorizationFailure}: the generic remote code of every authorisation failure. */
    public static final int AUTHORIZATION_FAILURE = 71;

    /** {@code ErrDupIdentityReg}: the identity is registered already. */
    public static final int DUPLICATE_IDENTITY = 74;

    /** {@code ErrCNInvalidEnroll}: the CSR's common name is not the enrolment ID. */
    public static final int CN_NOT_ENROLLMENT_ID = 77;

    /** {@code ErrInvalidMaxEnroll}: a maximum enrolment count below -1. */
    public static final int INVALID_MAX_ENROLLMENTS = 82;

    /** {@code ErrMethodNotAllowed}: the endpoint does not take that HTTP method. */
    public static final int METHOD_NOT_ALLOWED = 1;

    /** {@code ErrUnknown}: what Fabric CA answers for an error it has no code for (HTTP 500). */
    public static final int UNKNOWN = 0;

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;

    /**
     * Creates a refusal.
     *
     * @param status the HTTP status, 400 to 599
     * @param code the Fabric CA error code
     * @param message the message sent to the client
     */
    public FabricCaException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /**
     * An authentication failure: HTTP 401, code 20, "Authentication failure".
     *
     * @return the refusal
     */
    public static FabricCaException authentication() {
        return new FabricCaException(401, AUTHENTICATION_FAILURE, "Authentication failure");
    }

    /**
     * An authorisation failure: HTTP 403, code 71, "Authorization failure".
     *
     * @return the refusal
     */
    public static FabricCaException authorization() {
        return new FabricCaException(403, AUTHORIZATION_FAILURE, "Authorization failure");
    }

    /**
     * Returns the HTTP status.
     *
     * @return 400 to 599
     */
    public int status() {
        return status;
    }

    /**
     * Returns the Fabric CA error code.
     *
     * @return the code
     */
    public int code() {
        return code;
    }
}
