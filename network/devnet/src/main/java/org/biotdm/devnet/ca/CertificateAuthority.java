package org.biotdm.devnet.ca;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.biotdm.devnet.crypto.BouncyCastle;
import org.biotdm.devnet.crypto.Ecdsa;
import org.biotdm.devnet.crypto.Hashes;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An organisation's certificate authority: an EC P-256 key and a self-signed root certificate that issues node, user
 * and TLS certificates the way Fabric's cryptogen and Fabric CA do (SHA256withECDSA, random 128-bit serials, SKI/AKI,
 * basic constraints and key usage), optionally with Fabric CA's attribute extension that the chaincode shim's {@code
 * ClientIdentity} reads. Instances are immutable and thread-safe.
 */
public final class CertificateAuthority {
    /** The Fabric CA attribute extension OID; its extnValue is the raw JSON {@code {"attrs":{...}}}. */
    public static final String ATTRIBUTES_OID = "1.2.3.4.5.6.7.8.1";

    /** How long issued certificates and roots stay valid, as with cryptogen. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

    /** Backdating of notBefore so peers with slightly slow clocks accept fresh certificates (cryptogen does it too). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final X500Name name;
    private final String organization;
    private final String locality;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        this.organization = rdnValue(name, BCStyle.O);
        this.locality = rdnValue(name, BCStyle.L);
    }

    /**
     * Creates a new root CA with a fresh P-256 key and a self-signed certificate whose subject is {@code C=US,
     * ST=North Carolina, L=Raleigh, O=<organization>, CN=<commonName>}.
     *
     * @param organization the organisation's domain, for example {@code org1.example.com}
     * @param commonName the CA's common name, for example {@code ca.org1.example.com}
     * @return the new CA
     */
    public static CertificateAuthority createRoot(String organization, String commonName) {
        KeyPair keyPair = Ecdsa.generateP256();
        X500Name subject = subject(organization, "Raleigh", null, commonName);
        Instant now = Instant.now();
        byte[] ski = subjectKeyId(keyPair.getPublic());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial(),
                            Date.from(now.minus(CLOCK_SKEW)),
                            Date.from(now.plus(DEFAULT_VALIDITY)),
                            subject,
                            keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature
                                    | KeyUsage.keyEncipherment
                                    | KeyUsage.keyCertSign
                                    | KeyUsage.cRLSign))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth
                    }))
                    .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski));
            return new CertificateAuthority(sign(builder, keyPair.getPrivate()), keyPair.getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException("root certificate cannot be built", e);
        }
    }

    /**
     * Restores a CA from its stored certificate and private key.
     *
     * @param certificate the CA certificate
     * @param privateKey the CA's private key
     * @return the CA
     * @throws IllegalArgumentException when the certificate is not a CA certificate
     */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("not a CA certificate: " + certificate.getSubjectX500Principal());
        }
        return new CertificateAuthority(certificate, privateKey);
    }

    /**
     * Returns the CA's certificate.
     *
     * @return the self-signed root certificate
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Returns the CA's signing key.
     *
     * @return the EC private key
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Returns the organisation (the O attribute of the CA subject) that issued identities carry.
     *
     * @return the organisation's domain, for example {@code org1.example.com}
     */
    public String organization() {
        return organization;
    }

    /**
     * Issues an identity certificate valid from now (less five minutes of clock skew) for ten years.
     *
     * @param commonName the subject CN, for example {@code peer0.org1.example.com}
     * @param nodeOu the NodeOU ({@code peer}, {@code client}, {@code admin} or {@code orderer}), or null for none
     * @param publicKey the subject's public key
     * @param attributes the Fabric CA attributes to embed, or an empty map for no attribute extension
     * @return the certificate
     */
    public X509Certificate issue(
            String commonName, String nodeOu, PublicKey publicKey, Map<String, String> attributes) {
        Instant now = Instant.now();
        return issue(commonName, nodeOu, publicKey, attributes, now.minus(CLOCK_SKEW), now.plus(DEFAULT_VALIDITY));
    }

    /**
     * Issues an identity certificate with an explicit validity period, for example to test expiry handling.
     *
     * @param commonName the subject CN
     * @param nodeOu the NodeOU, or null for none
     * @param publicKey the subject's public key
     * @param attributes the Fabric CA attributes to embed, or an empty map for no attribute extension
     * @param notBefore the start of the validity period
     * @param notAfter the end of the validity period
     * @return the certificate
     */
    public X509Certificate issue(
            String commonName,
            String nodeOu,
            PublicKey publicKey,
            Map<String, String> attributes,
            Instant notBefore,
            Instant notAfter) {
        try {
            X509v3CertificateBuilder builder = leafBuilder(
                            subject(organization, locality, nodeOu, commonName), publicKey, notBefore, notAfter)
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (!attributes.isEmpty()) {
                // The byte[] overload puts the JSON itself into extnValue, which is what ClientIdentity parses.
                builder.addExtension(new ASN1ObjectIdentifier(ATTRIBUTES_OID), false, attributesJson(attributes));
            }
            return sign(builder, privateKey);
        } catch (IOException e) {
            throw new IllegalStateException("certificate cannot be built", e);
        }
    }

    /**
     * Signs a certificate revocation list (RFC 5280 §5) of this CA, as Fabric CA's {@code gencrl} does: issued now,
     * next update in 24 hours (Fabric CA's default {@code crl.expiry}), each serial revoked now, SHA256withECDSA.
     *
     * @param revokedSerials the serial numbers of the revoked certificates
     * @return the CRL as PEM ({@code X509 CRL})
     */
    public String crlPem(List<BigInteger> revokedSerials) {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(24))));
        revokedSerials.forEach(serial -> builder.addCRLEntry(serial, Date.from(now), CRLReason.unspecified));
        try {
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(privateKey))
                    .getEncoded();
            StringWriter pem = new StringWriter();
            try (PemWriter writer = new PemWriter(pem)) {
                writer.writeObject(new PemObject("X509 CRL", der));
            }
            return pem.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("CRL cannot be signed", e);
        }
    }

    /**
     * Issues a TLS certificate for a gRPC server (and client) on this host: subject CN is the host name, SANs are
     * the host name, {@code localhost}, {@code 127.0.0.1} and {@code ::1}; extended key usage serverAuth and
     * clientAuth.
     *
     * @param hostName the node's host name, for example {@code peer0.org1.example.com}
     * @param publicKey the server's public key
     * @return the TLS certificate
     */
    public X509Certificate issueTls(String hostName, PublicKey publicKey) {
        Instant now = Instant.now();
        GeneralNames sans = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, hostName),
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")
        });
        try {
            X509v3CertificateBuilder builder = leafBuilder(
                            subject(organization, locality, null, hostName),
                            publicKey,
                            now.minus(CLOCK_SKEW),
                            now.plus(DEFAULT_VALIDITY))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }))
                    .addExtension(Extension.subjectAlternativeName, false, sans);
            return sign(builder, privateKey);
        } catch (IOException e) {
            throw new IllegalStateException("TLS certificate cannot be built", e);
        }
    }

    /**
     * Issues an identity certificate for the public key of a PKCS#10 request after checking the request's
     * self-signature, as Fabric CA's enroll does. The subject comes from the arguments, not from the request.
     *
     * @param csr the certification request
     * @param commonName the subject CN (the enrollment ID)
     * @param nodeOu the NodeOU, or null for none
     * @param attributes the Fabric CA attributes to embed, or an empty map for none
     * @return the certificate
     * @throws GeneralSecurityException when the request's signature is invalid or its key is not EC P-256
     */
    public X509Certificate issueFromCsr(
            PKCS10CertificationRequest csr, String commonName, String nodeOu, Map<String, String> attributes)
            throws GeneralSecurityException {
        return issue(commonName, nodeOu, verifiedCsrKey(csr), attributes);
    }

    /**
     * Checks a PKCS#10 request's self-signature and returns its EC P-256 public key.
     *
     * @param csr the certification request
     * @return the requested public key
     * @throws GeneralSecurityException when the signature does not verify or the key is not EC P-256
     */
    public static PublicKey verifiedCsrKey(PKCS10CertificationRequest csr) throws GeneralSecurityException {
        SubjectPublicKeyInfo keyInfo = csr.getSubjectPublicKeyInfo();
        if (!X9ObjectIdentifiers.prime256v1.equals(keyInfo.getAlgorithm().getParameters())) {
            throw new GeneralSecurityException("CSR public key must be ECDSA P-256");
        }
        try {
            boolean valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(keyInfo));
            if (!valid) {
                throw new GeneralSecurityException("CSR signature does not verify");
            }
            return new JcaPEMKeyConverter().getPublicKey(keyInfo);
        } catch (OperatorCreationException | PKCSException | IOException e) {
            throw new GeneralSecurityException("CSR signature cannot be checked: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the attribute map Fabric CA embeds for an enrolled identity: {@code hf.EnrollmentID}, {@code hf.Type},
     * an empty {@code hf.Affiliation}, then the extra attributes in their given order.
     *
     * @param enrollmentId the enrollment ID
     * @param type the identity type, for example {@code client}
     * @param extra further attributes such as {@code biotdm.role}
     * @return a new ordered map
     */
    public static Map<String, String> fabricCaAttributes(String enrollmentId, String type, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("hf.EnrollmentID", enrollmentId);
        attributes.put("hf.Type", type);
        attributes.put("hf.Affiliation", "");
        attributes.putAll(extra);
        return attributes;
    }

    /**
     * Encodes attributes as the UTF-8 JSON {@code {"attrs":{...}}} of Fabric CA's attribute extension.
     *
     * @param attributes the attributes, in the order to write them
     * @return the JSON bytes
     */
    public static byte[] attributesJson(Map<String, String> attributes) {
        return GSON.toJson(Map.of("attrs", attributes)).getBytes(StandardCharsets.UTF_8);
    }

    private X509v3CertificateBuilder leafBuilder(
            X500Name subject, PublicKey publicKey, Instant notBefore, Instant notAfter) throws IOException {
        return new JcaX509v3CertificateBuilder(
                        name, serial(), Date.from(notBefore), Date.from(notAfter), subject, publicKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId(publicKey)))
                .addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        new AuthorityKeyIdentifier(subjectKeyId(certificate.getPublicKey())));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(signingKey)));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("certificate cannot be signed", e);
        }
    }

    private static X500Name subject(String organization, String locality, String nodeOu, String commonName) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "North Carolina")
                .addRDN(BCStyle.L, locality == null ? "Raleigh" : locality)
                .addRDN(BCStyle.O, organization);
        if (nodeOu != null) {
            builder.addRDN(BCStyle.OU, nodeOu);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    /** Cryptogen's SKI: SHA-256 of the uncompressed public point. */
    private static byte[] subjectKeyId(PublicKey publicKey) {
        return Hashes.sha256(SubjectPublicKeyInfo.getInstance(publicKey.getEncoded())
                .getPublicKeyData()
                .getBytes());
    }

    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static String rdnValue(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0
                ? null
                : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
