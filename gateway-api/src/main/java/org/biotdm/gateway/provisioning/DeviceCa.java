package org.biotdm.gateway.provisioning;

import io.micronaut.context.annotation.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.ingress.DeviceCaCertificates;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.security.SecretFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organisation's device certificate authority: issues device certificates (RFC 5280 profile below) from checked
 * certification requests, with the key and certificate of a PKCS#12 keystore.
 *
 * <p>Keystore: {@code biotdm.provisioning.ca-keystore}, default {@code ${biotdm.data-dir}/device-ca.p12}, password
 * {@code biotdm.provisioning.ca-keystore-password}. When the file is missing and {@code
 * biotdm.provisioning.generate-ca} is true (the development default), a self-signed P-256 CA is generated and saved
 * there on first start and reused afterwards; production sets {@code generate-ca: false} and provides the keystore,
 * shared by every gateway instance of the organisation.
 *
 * <p>The CA certificate reaches the device port's trust store through {@link DeviceCaCertificates} (the ingress
 * feature's seam, read when the port starts); it is also written as PEM to {@code ${biotdm.data-dir}/device-ca.pem}
 * at startup, for other gateway instances or tools, and returned by {@link #caCertificatePem()}.
 *
 * <p>Device certificates: subject {@code CN=<deviceId>, O=<MSP ID>}; a random positive 128-bit serial; validity from
 * five minutes ago (clock skew) for {@code certificate-validity} (one year by default), never past the CA's own
 * expiry; {@code basicConstraints} CA false (critical); {@code keyUsage} digitalSignature (critical); {@code
 * extendedKeyUsage} clientAuth; subject and authority key identifiers; signed ECDSA with SHA-256.
 */
@Context
public class DeviceCa implements DeviceCaCertificates {
    /** The file name of the generated keystore under the data directory. */
    public static final String DEFAULT_KEYSTORE = "device-ca.p12";
    /** The file name of the CA certificate PEM under the data directory. */
    public static final String CA_PEM = "device-ca.pem";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCa.class);
    private static final Provider BC = new BouncyCastleProvider();
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final AlgorithmIdentifier SIGNATURE =
            new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    private static final AlgorithmIdentifier DIGEST = new DefaultDigestAlgorithmIdentifierFinder().find(SIGNATURE);

    private final SecureRandom random = new SecureRandom();
    private final ProvisioningConfiguration configuration;
    private final String organization;
    private final X509Certificate caCertificate;
    private final AsymmetricKeyParameter caKey;
    private final String caCertificatePem;
    private final Path caCertificateFile;

    /**
     * Loads the CA from its keystore, or generates a development CA when allowed, and writes the CA certificate PEM.
     *
     * @param configuration the provisioning settings
     * @param ledger the ledger settings (the MSP ID names the organisation in certificate subjects)
     * @param dataDir the service's data directory
     * @throws IllegalStateException when the keystore is missing and may not be generated, or cannot be read
     */
    public DeviceCa(ProvisioningConfiguration configuration, LedgerConfiguration ledger, DataDirectory dataDir) {
        this.configuration = configuration;
        this.organization = ledger.mspId() == null ? "BIoT-DM" : ledger.mspId();
        Path keystore =
                configuration.caKeystore() == null ? dataDir.resolve(DEFAULT_KEYSTORE) : configuration.caKeystore();
        try {
            if (!Files.exists(keystore)) {
                generate(keystore);
            }
            KeyStore.PrivateKeyEntry entry = load(keystore);
            this.caKey = signingKey(entry.getPrivateKey());
            this.caCertificate = (X509Certificate) entry.getCertificate();
            if (caCertificate.getBasicConstraints() < 0) {
                throw new IllegalStateException("the certificate in " + keystore + " is not a CA certificate");
            }
            this.caCertificatePem = pem("CERTIFICATE", caCertificate.getEncoded());
            this.caCertificateFile = dataDir.resolve(CA_PEM);
            writeAtomically(caCertificateFile, caCertificatePem.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("device CA keystore " + keystore + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the CA certificate.
     *
     * @return the certificate that signs device certificates
     */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * Returns this CA's certificate as the one device CA the device port trusts for client certificates.
     *
     * @return a list holding the CA certificate
     */
    @Override
    public List<X509Certificate> deviceCaCertificates() {
        return List.of(caCertificate);
    }

    /**
     * Returns the CA certificate as PEM, for the device port's trusted client CAs and the provisioning response.
     *
     * @return one PEM {@code CERTIFICATE} block
     */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /**
     * Returns the file the CA certificate PEM was written to at startup.
     *
     * @return {@code ${biotdm.data-dir}/device-ca.pem}
     */
    public Path caCertificateFile() {
        return caCertificateFile;
    }

    /**
     * Issues a device certificate for a checked request.
     *
     * @param csr the request, already checked (P-256, signature, CN = device ID)
     * @param deviceId the device ID, the subject's common name
     * @return the certificate
     * @throws IllegalStateException when signing fails (a broken CA key)
     */
    public X509Certificate issue(DeviceCsr csr, String deviceId) {
        Instant now = Instant.now();
        Instant notAfter = now.plus(configuration.certificateValidity());
        if (notAfter.isAfter(caCertificate.getNotAfter().toInstant())) {
            notAfter = caCertificate.getNotAfter().toInstant();
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, deviceId)
                .addRDN(BCStyle.O, organization)
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            caCertificate,
                            serial(),
                            Date.from(now.minus(CLOCK_SKEW)),
                            Date.from(notAfter),
                            subject,
                            csr.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(csr.publicKey()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            return sign(builder, caKey);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("device certificate cannot be issued: " + e.getMessage(), e);
        }
    }

    /**
     * Returns a certificate's fingerprint as the chaincode records it.
     *
     * @param certificate the certificate
     * @return lowercase hex SHA-256 of the DER encoding (64 characters)
     */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 fingerprint cannot be computed", e);
        }
    }

    /**
     * Encodes DER bytes as one PEM block with 64-character lines.
     *
     * @param type the PEM label, for example {@code CERTIFICATE}
     * @param der the DER bytes
     * @return the PEM text ending in a line feed
     */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private KeyStore.PrivateKeyEntry load(Path keystore) throws IOException, GeneralSecurityException {
        char[] password = configuration.caKeystorePassword().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        String alias = store.isKeyEntry(configuration.caKeyAlias()) ? configuration.caKeyAlias() : onlyKey(store);
        return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(password));
    }

    private static String onlyKey(KeyStore store) throws GeneralSecurityException {
        String found = null;
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                if (found != null) {
                    throw new GeneralSecurityException("several key entries and none named as configured");
                }
                found = alias;
            }
        }
        if (found == null) {
            throw new GeneralSecurityException("no private key entry");
        }
        return found;
    }

    private void generate(Path keystore) throws IOException, GeneralSecurityException {
        if (!configuration.generateCa()) {
            throw new IOException("the keystore does not exist and biotdm.provisioning.generate-ca is false");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, organization + " device CA")
                .addRDN(BCStyle.O, organization)
                .build();
        Instant now = Instant.now();
        X509Certificate certificate;
        try {
            PublicKey key = pair.getPublic();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serial(),
                            Date.from(now.minus(CLOCK_SKEW)),
                            Date.from(now.plus(configuration.generatedCaValidity())),
                            name,
                            key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
            certificate = sign(builder, signingKey(pair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        char[] password = configuration.caKeystorePassword().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setKeyEntry(configuration.caKeyAlias(), pair.getPrivate(), password, new Certificate[] {certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        SecretFiles.write(keystore, out.toByteArray());
        LOG.warn(
                "generated a development device CA in {}; set biotdm.provisioning.ca-keystore in production", keystore);
    }

    /**
     * Converts the CA key once into BouncyCastle's own parameters for its named curve. Signing through the JCA
     * ({@code JcaContentSignerBuilder}) converted the key on every certificate, with a new base point each time, so
     * BouncyCastle rebuilt its precomputed multiples of that point for every signature: about two thirds of the
     * signature's time, on the hot path of every claim.
     */
    private static AsymmetricKeyParameter signingKey(PrivateKey key) throws IOException {
        return PrivateKeyFactory.createKey(key.getEncoded());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, AsymmetricKeyParameter key)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new BcECContentSignerBuilder(SIGNATURE, DIGEST).build(key);
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(signer));
    }

    private BigInteger serial() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x40);
        return new BigInteger(1, bytes);
    }

    private static void writeAtomically(Path file, byte[] content) {
        try {
            SecretFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
