package org.biotdm.gateway.ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;

/**
 * A device's key pair and certificate, able to sign telemetry and to open mutual-TLS connections with {@link
 * java.net.http.HttpClient}.
 *
 * @param deviceId the device ID (certificate CN)
 * @param keys the P-256 key pair
 * @param certificate the device certificate
 * @param caCertificate the issuing CA's certificate, sent as the rest of the chain
 */
public record DeviceCredentials(
        String deviceId, KeyPair keys, X509Certificate certificate, X509Certificate caCertificate) {
    private static final char[] PASSWORD = "device".toCharArray();

    /**
     * Returns the fingerprint the ledger registers for the certificate.
     *
     * @return lowercase hex SHA-256 of the DER encoding
     */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the device's public key as one PEM {@code PUBLIC KEY} block.
     *
     * @return the PEM
     */
    public String publicKeyPem() {
        try {
            return Pem.encode(keys.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the registry record of this device with this certificate and key.
     *
     * @param status the lifecycle state
     * @return the record
     */
    public DeviceRecord record(DeviceStatus status) {
        return new DeviceRecord(
                deviceId, "Org1MSP", status, fingerprint(), publicKeyPem(), "motes", "Org1MSP/telosb", "1.0.0");
    }

    /**
     * Signs bytes with {@code SHA256withECDSA} (the JDK provider, independent of the gateway's verifier).
     *
     * @param message the bytes
     * @return the DER signature
     */
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds an HTTP/1.1 client that presents this device's certificate and trusts the given server certificate.
     *
     * @param serverCertificate the device port's certificate
     * @return the client
     */
    public HttpClient httpClient(X509Certificate serverCertificate) {
        return client(sslContext(serverCertificate));
    }

    /**
     * Builds a TLS context that presents this device's certificate (whatever CAs the server names) and trusts the
     * given server certificate, for clients other than {@link HttpClient} (MQTT clients).
     *
     * @param serverCertificate the device port's certificate
     * @return the context
     */
    public SSLContext sslContext(X509Certificate serverCertificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    new KeyManager[] {
                        new AlwaysPresent(
                                (X509ExtendedKeyManager) keyManagerFactory().getKeyManagers()[0])
                    },
                    trusting(serverCertificate).getTrustManagers(),
                    null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns key managers holding this device's key and chain (device certificate, CA certificate).
     *
     * @return the factory, initialised
     * @throws IOException never (the key store is in memory)
     * @throws GeneralSecurityException when the key cannot be stored
     */
    public KeyManagerFactory keyManagerFactory() throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("device", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate, caCertificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        return keyManagers;
    }

    /**
     * Builds an HTTP/1.1 client without client certificate that trusts the given server certificate.
     *
     * @param serverCertificate the device port's certificate
     * @return the client
     */
    public static HttpClient anonymousHttpClient(X509Certificate serverCertificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trusting(serverCertificate).getTrustManagers(), null);
            return client(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Presents the device certificate whatever CAs the server names in its certificate request, as a device with a
     * single certificate does, so a certificate from an untrusted CA reaches the server's checks.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysPresent(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "device";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "device";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"device"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    /**
     * Returns trust managers trusting only the given server certificate.
     *
     * @param serverCertificate the server's certificate
     * @return the factory, initialised
     * @throws IOException never (the trust store is in memory)
     * @throws GeneralSecurityException when the certificate cannot be stored
     */
    public static TrustManagerFactory trusting(X509Certificate serverCertificate)
            throws IOException, GeneralSecurityException {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", serverCertificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        return trustManagers;
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder()
                .sslContext(context)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
