package org.biotdm.cli.bench;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The keys of a device-port handshake as the gateway has them: a P-256 server key with a self-signed certificate, a
 * device CA, and a P-256 device key with a certificate from that CA (ECDSA with SHA-256, as the device CAs issue).
 *
 * @param server the server's key and certificate (key password {@link #PASSWORD})
 * @param serverTrust the device CA (client authentication)
 * @param device the device's key and chain
 * @param deviceTrust the server's certificate
 */
record HandshakeKeys(KeyStore server, KeyStore serverTrust, KeyStore device, KeyStore deviceTrust) {
    /** The key stores' and keys' password (they live only in memory). */
    static final char[] PASSWORD = "bench".toCharArray();

    /**
     * Generates the keys and certificates.
     *
     * @return the key and trust managers of both sides
     * @throws GeneralSecurityException when P-256 or ECDSA is unavailable
     */
    static HandshakeKeys generate() throws GeneralSecurityException {
        try {
            KeyPair serverKeys = p256();
            X509Certificate serverCert = certificate("CN=gateway", serverKeys, "CN=gateway", serverKeys, false);
            KeyPair caKeys = p256();
            X509Certificate caCert = certificate("CN=device CA", caKeys, "CN=device CA", caKeys, true);
            KeyPair deviceKeys = p256();
            X509Certificate deviceCert = certificate("CN=bench-device", deviceKeys, "CN=device CA", caKeys, false);
            return new HandshakeKeys(
                    keys(serverKeys, serverCert),
                    trust(caCert),
                    keys(deviceKeys, deviceCert, caCert),
                    trust(serverCert));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the benchmark's certificates", e);
        }
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(
            String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca)
            throws OperatorCreationException, GeneralSecurityException, java.io.IOException {
        long now = System.currentTimeMillis();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(issuer),
                BigInteger.valueOf(now),
                new Date(now - 60_000),
                new Date(now + 86_400_000),
                new X500Name(subject),
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static KeyStore keys(KeyPair pair, X509Certificate... chain)
            throws GeneralSecurityException, java.io.IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setKeyEntry("key", pair.getPrivate(), PASSWORD, chain);
        return store;
    }

    private static KeyStore trust(X509Certificate anchor) throws GeneralSecurityException, java.io.IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setCertificateEntry("anchor", anchor);
        return store;
    }

    /**
     * Returns key managers of a provider over a key store.
     *
     * @param store the key and chain
     * @param provider the JSSE provider whose PKIX key manager factory is used
     * @return the factory, initialised
     * @throws GeneralSecurityException when the provider has no PKIX key managers
     */
    static KeyManagerFactory keyManagers(KeyStore store, java.security.Provider provider)
            throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", provider);
        factory.init(store, PASSWORD);
        return factory;
    }

    /**
     * Returns trust managers of a provider over a key store.
     *
     * @param store the trust anchors
     * @param provider the JSSE provider whose PKIX trust manager factory is used
     * @return the factory, initialised
     * @throws GeneralSecurityException when the provider has no PKIX trust managers
     */
    static TrustManagerFactory trustManagers(KeyStore store, java.security.Provider provider)
            throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", provider);
        factory.init(store);
        return factory;
    }
}
