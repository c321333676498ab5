package org.biotdm.devnet.ca;

/**
 * The result of an enrolment.
 *
 * @param certificatePem the issued certificate, PEM
 * @param caChainPem the CA certificates the issued one verifies against, root last, PEM
 * @param mspId the MSP the identity belongs to
 */
public record Enrollment(String certificatePem, String caChainPem, String mspId) {}
