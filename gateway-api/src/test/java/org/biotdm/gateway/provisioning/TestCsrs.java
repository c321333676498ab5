package org.biotdm.gateway.provisioning;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Builds device key pairs and PKCS#10 requests for tests, as a device would. */
public final class TestCsrs {
    private TestCsrs() {}

    /**
     * Generates an EC key pair on a named curve.
     *
     * @param curve for example {@code secp256r1}
     * @return the key pair
     */
    public static KeyPair ecKeys(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Generates a P-256 key pair.
     *
     * @return the key pair
     */
    public static KeyPair p256() {
        return ecKeys("secp256r1");
    }

    /**
     * Builds a PEM request for a key, signed by the same key with ECDSA/SHA-256.
     *
     * @param keys the device key pair
     * @param subject the subject DN, for example {@code CN=d-1}
     * @return the PEM text
     */
    public static String csr(KeyPair keys, String subject) {
        return csr(keys.getPublic(), keys.getPrivate(), subject, "SHA256withECDSA");
    }

    /**
     * Builds a PEM request whose public key and signing key may differ.
     *
     * @param publicKey the key named in the request
     * @param signingKey the key that signs it
     * @param subject the subject DN
     * @param algorithm the JCA signature algorithm
     * @return the PEM text
     */
    public static String csr(PublicKey publicKey, PrivateKey signingKey, String subject, String algorithm) {
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                            new X500Name(subject), publicKey)
                    .build(new JcaContentSignerBuilder(algorithm).build(signingKey));
            return pem(request);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Encodes an object as PEM.
     *
     * @param object a BouncyCastle or JCA object
     * @return the PEM text
     */
    public static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
