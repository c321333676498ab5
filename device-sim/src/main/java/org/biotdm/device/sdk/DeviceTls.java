package org.biotdm.device.sdk;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * TLS material for the device port: the device's key managers (its key and certificate chain) and trust managers
 * for the gateway's server certificate (the self-signed {@code <data-dir>/ingress/server-cert.pem} a development
 * gateway generates, or a CA's certificate).
 */
public final class DeviceTls {
    private static final char[] PASSWORD = "device".toCharArray();

    private DeviceTls() {}

    /**
     * Reads every certificate of a PEM text.
     *
     * @param pem one or more {@code CERTIFICATE} blocks
     * @return the certificates in order
     * @throws IllegalArgumentException when the text holds none
     */
    public static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("No certificate in the PEM text");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Unreadable certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the key manager that presents the device's certificate: it always offers the device's one key and chain
     * (for any key type and issuers the server asks for; the server checks them). No key store is built, so there is
     * no password-based key derivation per device, which costs milliseconds per connection setup.
     *
     * @param credentials the key and chain
     * @return one key manager
     */
    public static KeyManager[] keyManagers(DeviceCredentials credentials) {
        return new KeyManager[] {
            new DeviceKeyManager(
                    credentials.keys().keyPair().getPrivate(),
                    credentials.chain().toArray(new X509Certificate[0]))
        };
    }

    /**
     * Wraps {@link #keyManagers} in a factory, for clients configured with one (the HiveMQ MQTT client).
     *
     * @param credentials the key and chain
     * @return a factory whose key managers present the device's one key and chain; its init methods do nothing
     */
    public static KeyManagerFactory keyManagerFactory(DeviceCredentials credentials) {
        KeyManager[] managers = keyManagers(credentials);
        return new KeyManagerFactory(new FixedKeyManagers(managers), null, "device") {};
    }

    /** The provider side of {@link #keyManagerFactory}: always the same key managers. */
    private static final class FixedKeyManagers extends KeyManagerFactorySpi {
        private final KeyManager[] managers;

        FixedKeyManagers(KeyManager[] managers) {
            this.managers = managers.clone();
        }

        @Override
        protected void engineInit(KeyStore keyStore, char[] password) {
            // Nothing to load: the key is the device's.
        }

        @Override
        protected void engineInit(ManagerFactoryParameters parameters) {
            // Nothing to load: the key is the device's.
        }

        @Override
        protected KeyManager[] engineGetKeyManagers() {
            return managers.clone();
        }
    }

    /** A client-side key manager with exactly one key and chain. */
    private static final class DeviceKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "device";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        DeviceKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain.clone();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }

    /**
     * Builds a trust manager factory that trusts exactly the given certificates.
     *
     * @param trusted the gateway's server certificate or its CA
     * @return the factory
     */
    public static TrustManagerFactory trustManagerFactory(List<X509Certificate> trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, PASSWORD);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build the trust managers", e);
        }
    }

    /**
     * Builds a TLS context for the device port.
     *
     * @param credentials the device's key and chain, or null to present none (provisioning)
     * @param trusted the certificates to trust for the gateway
     * @return the context
     */
    public static SSLContext sslContext(DeviceCredentials credentials, List<X509Certificate> trusted) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = trustManagerFactory(trusted).getTrustManagers();
            context.init(credentials == null ? null : keyManagers(credentials), trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
