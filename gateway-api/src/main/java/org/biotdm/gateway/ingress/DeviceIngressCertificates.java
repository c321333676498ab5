package org.biotdm.gateway.ingress;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.ssl.CertificateProvider;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.security.SecretFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate material of the device port, as a Micronaut {@link CertificateProvider} named {@value #NAME}: the
 * key store holds the server key and chain, the trust store the device CAs whose client certificates are accepted.
 *
 * <p>Server certificate: the PEM files {@code biotdm.ingress.tls-cert} (chain, leaf first) and {@code tls-key} when
 * both are set. Otherwise {@code <data-dir>/ingress/server-cert.pem} and {@code server-key.pem}, generated on first
 * start as a self-signed ECDSA P-256 certificate (subject {@code CN=biotdm-device-ingress}, valid ten years, subject
 * alternative names from {@code tls-hostnames}) and reused afterwards, so devices can pin it.
 *
 * <p>Trusted device CAs: every certificate in the {@code client-ca-certs} PEM files plus those of {@link
 * DeviceCaCertificates} beans. With none, the trust store holds only a throw-away CA whose key is discarded, so no
 * client certificate verifies (provisioning without a certificate still works) and the JDK's public CAs are never
 * trusted for devices.
 */
@Singleton
@Named(DeviceIngressCertificates.NAME)
public class DeviceIngressCertificates implements CertificateProvider {
    /** The provider's name, referenced by the device port's listener. */
    public static final String NAME = "biotdm-device-ingress";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceIngressCertificates.class);
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(3650);

    private final char[] keyPassword;
    private final KeyStore keyStore;
    private final KeyStore trustStore;
    private final List<X509Certificate> trustedCas;

    /**
     * Loads (or generates) the material.
     *
     * @param configuration the ingress settings
     * @param dataDir the service's data directory
     * @param caSources further device CA sources
     * @throws UncheckedIOException when a configured file cannot be read, or the generated files cannot be written
     */
    public DeviceIngressCertificates(
            IngressConfiguration configuration, DataDirectory dataDir, List<DeviceCaCertificates> caSources) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        this.keyPassword = HexFormat.of().formatHex(random).toCharArray();
        try {
            ServerKey server = serverKey(configuration, dataDir.resolve("ingress"));
            this.trustedCas = trustedCas(configuration, caSources);
            this.keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(
                    "server", server.key(), keyPassword, server.chain().toArray(X509Certificate[]::new));
            this.trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            List<X509Certificate> anchors = trustedCas.isEmpty() ? List.of(unusableCa()) : trustedCas;
            for (int i = 0; i < anchors.size(); i++) {
                trustStore.setCertificateEntry("device-ca-" + i, anchors.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the device port's key and trust stores", e);
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Publisher<KeyStore> getKeyStore() {
        return Publishers.just(keyStore);
    }

    @Override
    public Publisher<KeyStore> getTrustStore() {
        return Publishers.just(trustStore);
    }

    /**
     * Returns the key store holding the server key and chain, for a listener that builds its own TLS context (the
     * MQTT port); the key entry's password is {@link #keyPassword()}.
     *
     * @return the key store (shared: do not change it)
     */
    public KeyStore serverKeyStore() {
        return keyStore;
    }

    /**
     * Returns the trust store of the device CAs whose client certificates are accepted, for a listener that builds its
     * own TLS context (the MQTT port).
     *
     * @return the trust store (shared: do not change it)
     */
    public KeyStore deviceCaTrustStore() {
        return trustStore;
    }

    /**
     * Returns the password of the key entry in {@link #getKeyStore()}, random per start.
     *
     * @return the password
     */
    public String keyPassword() {
        return new String(keyPassword);
    }

    /**
     * Returns the device CA certificates the port trusts.
     *
     * @return the certificates (empty when none are configured)
     */
    public List<X509Certificate> trustedCas() {
        return trustedCas;
    }

    /**
     * Returns the server certificate the port presents.
     *
     * @return the leaf certificate
     * @throws IllegalStateException when the key store is unreadable (it is built in memory, so never)
     */
    public X509Certificate serverCertificate() {
        try {
            return (X509Certificate) keyStore.getCertificate("server");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record ServerKey(PrivateKey key, List<X509Certificate> chain) {}

    private static ServerKey serverKey(IngressConfiguration configuration, Path dir)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        if (configuration.tlsCert() != null && configuration.tlsKey() != null) {
            return new ServerKey(
                    Pem.readPrivateKey(configuration.tlsKey()), Pem.readCertificates(configuration.tlsCert()));
        }
        if (configuration.tlsCert() != null || configuration.tlsKey() != null) {
            throw new IOException("biotdm.ingress.tls-cert and tls-key must be set together");
        }
        Path certFile = dir.resolve("server-cert.pem");
        Path keyFile = dir.resolve("server-key.pem");
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            List<X509Certificate> chain = Pem.readCertificates(certFile);
            return new ServerKey(Pem.readPrivateKey(keyFile, chain.get(0).getPublicKey()), chain);
        }
        KeyPair pair = p256();
        X509Certificate certificate = selfSigned(pair, "CN=biotdm-device-ingress", configuration.tlsHostnames());
        // PKCS#8 ("PRIVATE KEY") keeps the curve's OID with the key, so the next start reads it back; the traditional
        // "EC PRIVATE KEY" form BouncyCastle writes for this key did not.
        SecretFiles.write(keyFile, Pem.encode(new JcaPKCS8Generator(pair.getPrivate(), null)));
        SecretFiles.write(certFile, Pem.encode(certificate));
        LOG.info("Generated a self-signed device port certificate in {}", certFile);
        return new ServerKey(pair.getPrivate(), List.of(certificate));
    }

    private static List<X509Certificate> trustedCas(
            IngressConfiguration configuration, List<DeviceCaCertificates> sources) throws IOException {
        List<X509Certificate> cas = new ArrayList<>();
        for (Path file : configuration.clientCaCerts()) {
            cas.addAll(Pem.readCertificates(file));
        }
        for (DeviceCaCertificates source : sources) {
            cas.addAll(source.deviceCaCertificates());
        }
        if (cas.isEmpty()) {
            LOG.warn("No device CA is configured (biotdm.ingress.client-ca-certs): no client certificate will verify");
        }
        return List.copyOf(cas);
    }

    private static X509Certificate unusableCa() throws GeneralSecurityException, OperatorCreationException {
        return selfSigned(p256(), "CN=biotdm-no-device-ca", List.of());
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair pair, String subject, List<String> hostnames)
            throws GeneralSecurityException, OperatorCreationException {
        try {
            Instant now = Instant.now();
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(SELF_SIGNED_VALIDITY)),
                    name,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            if (!hostnames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostnames));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode a certificate extension", e);
        }
    }

    private static GeneralNames alternativeNames(List<String> hostnames) {
        GeneralName[] names = new GeneralName[hostnames.size()];
        for (int i = 0; i < names.length; i++) {
            String host = hostnames.get(i);
            names[i] = isIpLiteral(host)
                    ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host);
        }
        return new GeneralNames(names);
    }

    private static boolean isIpLiteral(String host) {
        // Only literals reach InetAddress, which then parses without a DNS lookup.
        if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).getHostAddress() != null;
        } catch (IOException e) {
            return false;
        }
    }
}
