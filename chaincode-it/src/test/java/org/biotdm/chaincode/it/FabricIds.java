package org.biotdm.chaincode.it;

import java.security.cert.X509Certificate;

/** Computes the caller id the Java shim's {@code ClientIdentity.getId()} gives a certificate. */
final class FabricIds {
    private FabricIds() {}

    /**
     * Returns {@code x509::<subject DN>::<issuer DN>} with the JDK's RFC 1779-style names, which is what the shim
     * builds from {@code getSubjectDN().getName()}; {@code X500Principal.toString()} prints the same text.
     *
     * @param certificate the identity's certificate
     * @return the Fabric id
     */
    static String of(X509Certificate certificate) {
        return "x509::" + certificate.getSubjectX500Principal() + "::" + certificate.getIssuerX500Principal();
    }
}
