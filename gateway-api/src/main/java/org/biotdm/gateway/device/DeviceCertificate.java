package org.biotdm.gateway.device;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.provisioning.DeviceCa;

/**
 * The key a device is registered with when it already has its certificate (issued by a manufacturer CA the device port
 * trusts) instead of a claim token: the certificate's P-256 public key as PEM {@code SubjectPublicKeyInfo} and the
 * SHA-256 fingerprint of its DER encoding, the two values the chaincode's {@code RegisterDevice} records and the device
 * port compares at every mutual-TLS connection.
 *
 * @param publicKeyPem the public key, PEM {@code PUBLIC KEY} (RFC 7468 §13)
 * @param certFingerprint lowercase hex SHA-256 of the certificate's DER (64 characters)
 */
public record DeviceCertificate(String publicKeyPem, String certFingerprint) {

    /** The largest certificate PEM accepted, in characters; a device certificate is well under 2,000. */
    public static final int MAX_PEM_CHARS = 16_384;

    /**
     * Reads one X.509 certificate (RFC 5280) in PEM and checks that its key is ECDSA P-256.
     *
     * @param pem the certificate, one PEM {@code CERTIFICATE} block
     * @return its key and fingerprint
     * @throws ApiException 400 {@code INVALID_ARGUMENT} on {@code body.certificatePem}: too long, not a certificate,
     *     or a key that is not P-256
     */
    public static DeviceCertificate of(String pem) {
        if (pem.length() > MAX_PEM_CHARS) {
            throw invalid("certificatePem must be at most " + MAX_PEM_CHARS + " characters");
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw invalid("certificatePem must be one X.509 certificate in PEM");
        }
        if (!(certificate.getPublicKey() instanceof ECPublicKey key)
                || key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw invalid("the certificate's key must be ECDSA P-256");
        }
        return new DeviceCertificate(DeviceCa.pem("PUBLIC KEY", key.getEncoded()), DeviceCa.fingerprint(certificate));
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid("body.certificatePem", message);
    }
}
