package org.biotdm.gateway.provisioning;

import java.io.IOException;
import java.io.StringReader;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A device's PKCS#10 certification request (RFC 2986) that passed the provisioning checks: PEM-encoded, at most
 * {@value #MAX_PEM_CHARS} characters, an EC public key on P-256 (RFC 5480 {@code prime256v1}), signed with {@code
 * ecdsa-with-SHA256} by that key (proof of possession), and a subject whose one common name is the device ID.
 */
public final class DeviceCsr {
    /** The longest PEM text accepted; a P-256 request is about 500 characters. */
    public static final int MAX_PEM_CHARS = 8192;

    private static final Provider BC = new BouncyCastleProvider();

    private final PKCS10CertificationRequest request;
    private final PublicKey publicKey;

    private DeviceCsr(PKCS10CertificationRequest request, PublicKey publicKey) {
        this.request = request;
        this.publicKey = publicKey;
    }

    /**
     * Parses and checks a PEM request ({@code -----BEGIN CERTIFICATE REQUEST-----}).
     *
     * @param pem the PEM text
     * @param deviceId the device ID the subject's common name must equal
     * @return the checked request
     * @throws InvalidCsrException when the text is missing, too long, not one PEM request, not P-256, not signed with
     *     ECDSA/SHA-256, not correctly self-signed, or its common name is not the device ID
     */
    public static DeviceCsr parse(String pem, String deviceId) throws InvalidCsrException {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCsrException("csr is required");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new InvalidCsrException("csr is longer than " + MAX_PEM_CHARS + " characters");
        }
        PKCS10CertificationRequest request = read(pem);
        PublicKey key = checkKey(request);
        checkSignature(request);
        checkCommonName(request, deviceId);
        return new DeviceCsr(request, key);
    }

    /**
     * Returns the requested public key.
     *
     * @return the EC P-256 public key
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Returns the public key as one PEM {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo, 64-character lines,
     * {@code \n} line ends), the form the chaincode stores.
     *
     * @return the PEM text
     */
    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Returns the parsed request.
     *
     * @return the BouncyCastle request
     */
    public PKCS10CertificationRequest request() {
        return request;
    }

    private static PKCS10CertificationRequest read(String pem) throws InvalidCsrException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object first = parser.readObject();
            if (!(first instanceof PKCS10CertificationRequest request)) {
                throw new InvalidCsrException("csr must be one PEM CERTIFICATE REQUEST block");
            }
            if (parser.readObject() != null) {
                throw new InvalidCsrException("csr must hold exactly one PEM block");
            }
            return request;
        } catch (IOException | RuntimeException e) {
            throw new InvalidCsrException("csr is not a readable PEM certification request", e);
        }
    }

    private static PublicKey checkKey(PKCS10CertificationRequest request) throws InvalidCsrException {
        SubjectPublicKeyInfo info = request.getSubjectPublicKeyInfo();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                || !X9ObjectIdentifiers.prime256v1.equals(info.getAlgorithm().getParameters())) {
            throw new InvalidCsrException("csr key must be an EC key on P-256 (prime256v1)");
        }
        try {
            return new JcaPEMKeyConverter().setProvider(BC).getPublicKey(info);
        } catch (IOException | RuntimeException e) {
            throw new InvalidCsrException("csr key is not a valid P-256 point", e);
        }
    }

    private static void checkSignature(PKCS10CertificationRequest request) throws InvalidCsrException {
        ASN1ObjectIdentifier algorithm = request.getSignatureAlgorithm().getAlgorithm();
        if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(algorithm)) {
            throw new InvalidCsrException("csr must be signed with ecdsa-with-SHA256, not " + algorithm.getId());
        }
        boolean valid;
        try {
            valid = request.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().setProvider(BC).build(request.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new InvalidCsrException("csr signature cannot be checked", e);
        }
        if (!valid) {
            throw new InvalidCsrException("csr signature does not verify with its own key");
        }
    }

    private static void checkCommonName(PKCS10CertificationRequest request, String deviceId)
            throws InvalidCsrException {
        RDN[] names = request.getSubject().getRDNs(BCStyle.CN);
        if (names.length != 1 || names[0].isMultiValued()) {
            throw new InvalidCsrException("csr subject must have exactly one CN, the device ID");
        }
        String commonName = IETFUtils.valueToString(names[0].getFirst().getValue());
        if (!commonName.equals(deviceId)) {
            throw new InvalidCsrException("csr subject CN must equal the device ID " + deviceId);
        }
    }

    @Override
    public String toString() {
        return "DeviceCsr[" + request.getSubject() + "]";
    }
}
