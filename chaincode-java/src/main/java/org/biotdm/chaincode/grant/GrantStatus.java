package org.biotdm.chaincode.grant;

/**
 * Names the states of a grant. Expiry is not a state: a grant past its {@code expiresAt} simply covers nothing.
 */
public enum GrantStatus {
    /** The grant covers commands until it expires. */
    ACTIVE,
    /** The grant was revoked and covers nothing; the record stays for audit. */
    REVOKED
}
