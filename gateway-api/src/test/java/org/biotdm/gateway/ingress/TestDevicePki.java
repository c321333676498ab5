package org.biotdm.gateway.ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A device CA built in the test with BouncyCastle, issuing device certificates the way the provisioning CA does:
 * ECDSA P-256, subject {@code CN=<deviceId>}, client authentication.
 */
public final class TestDevicePki {
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestDevicePki(KeyPair caKeys, X509Certificate caCertificate) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /**
     * Creates a CA.
     *
     * @param name the CA's CN
     * @return the CA
     */
    public static TestDevicePki create(String name) {
        KeyPair keys = p256();
        X500Name subject = new X500Name("CN=" + name + ",O=BIoT-DM test");
        try {
            JcaX509v3CertificateBuilder builder = builder(subject, subject, keys, Duration.ofDays(30));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new TestDevicePki(keys, sign(builder, keys));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Issues a device certificate.
     *
     * @param deviceId the device ID, put in the subject CN
     * @return the device's key and certificate
     */
    public DeviceCredentials issue(String deviceId) {
        KeyPair keys = p256();
        return new DeviceCredentials(
                deviceId,
                keys,
                leaf(new X500Name("CN=" + deviceId + ",O=BIoT-DM devices"), keys, KeyPurposeId.id_kp_clientAuth, null),
                caCertificate);
    }

    /** Issues an end-entity certificate for a key, with one extended key usage and optional alternative names. */
    private X509Certificate leaf(X500Name subject, KeyPair keys, KeyPurposeId purpose, GeneralNames names) {
        try {
            JcaX509v3CertificateBuilder builder = builder(
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
                    subject,
                    keys,
                    Duration.ofDays(7));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            return sign(builder, caKeys);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Issues a TLS server certificate for {@code 127.0.0.1} and {@code localhost} and writes its chain and key as
     * {@code server-chain.pem} and {@code server-key.pem}, for a gateway whose clients verify the server against this
     * CA (OpenSSL-based clients refuse the gateway's generated self-signed certificate as a trust anchor).
     *
     * @param dir the directory
     * @return the chain file; the key file is beside it
     */
    public Path writeServerCertificate(Path dir) {
        KeyPair keys = p256();
        GeneralNames names = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
        });
        X509Certificate server =
                leaf(new X500Name("CN=localhost,O=BIoT-DM test"), keys, KeyPurposeId.id_kp_serverAuth, names);
        try {
            Path chain = dir.resolve("server-chain.pem");
            Files.writeString(chain, Pem.encode(server, caCertificate), StandardCharsets.US_ASCII);
            Files.writeString(
                    dir.resolve("server-key.pem"),
                    Pem.encode(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null)),
                    StandardCharsets.US_ASCII);
            return chain;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the CA's certificate.
     *
     * @return the certificate
     */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * Writes the CA certificate as PEM.
     *
     * @param dir the directory
     * @return the file
     */
    public Path writeCaPem(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "device-ca-", ".pem");
            Files.writeString(file, Pem.encode(caCertificate), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair subjectKeys, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(validity)),
                subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
