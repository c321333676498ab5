/**
 * The dev network's certificate authorities and crypto material: cryptogen-style generation and reloading of the
 * organisations' MSP directories ({@link org.biotdm.devnet.ca.CryptoMaterial}), a BouncyCastle CA issuing identities
 * with NodeOUs and Fabric CA attributes ({@link org.biotdm.devnet.ca.CertificateAuthority}), and enrolment of further
 * identities through {@link org.biotdm.devnet.ca.EnrollmentService}, in Java or over an authenticated HTTP endpoint.
 */
package org.biotdm.devnet.ca;
