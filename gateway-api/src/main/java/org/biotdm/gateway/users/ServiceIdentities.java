package org.biotdm.gateway.users;

import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;

/**
 * Enrols Fabric client identities for the gateway's own services, such as the automation identity that issues the
 * commands of automation rules ({@code biotdm.role=automation}): a new P-256 key, a PKCS#10 request and the
 * organisation's CA through {@link FabricEnroller}. The private key lives only in memory, in the returned identity;
 * a restart enrols anew.
 */
@Singleton
public class ServiceIdentities {
    private final FabricEnroller enroller;

    /**
     * Creates the enroller of service identities.
     *
     * @param enroller the organisation CAs' enrolment
     */
    public ServiceIdentities(FabricEnroller enroller) {
        this.enroller = enroller;
    }

    /**
     * Enrols one client identity with a {@code biotdm.role}.
     *
     * @param mspId the organisation
     * @param enrollmentId the identity's name (its certificate's CN)
     * @param role the {@code biotdm.role} value, for example {@code automation}
     * @return the identity, its key in memory only
     * @throws LedgerException {@code LEDGER_UNAVAILABLE} when the CA refuses, cannot be reached or answers with no
     *     usable certificate
     */
    public LedgerIdentity enrol(String mspId, String enrollmentId, String role) throws LedgerException {
        KeyPair key = PemKeys.newP256();
        String certificatePem;
        try {
            certificatePem = enroller.enroll(
                    mspId, enrollmentId, PemKeys.csrPem(key, enrollmentId), Map.of("biotdm.role", role));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            return new LedgerIdentity(mspId, certificate, key.getPrivate());
        } catch (FabricEnroller.EnrollmentFailedException | CertificateException e) {
            throw new LedgerException(
                    LedgerException.Kind.UNAVAILABLE,
                    ErrorCode.LEDGER_UNAVAILABLE,
                    "The " + role + " identity of " + mspId + " cannot be enrolled: " + e.getMessage(),
                    null,
                    e);
        }
    }
}
