package org.biotdm.device.sdk;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.biotdm.protocol.name.DeviceIds;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A device's ECDSA key pair on NIST P-256 (secp256r1), as the gateway requires: it signs telemetry batches and command
 * receipts, and its public key goes into the PKCS#10 request sent at provisioning.
 *
 * <p>Signatures are {@link EcdsaP256}'s: BouncyCastle's low-level ECDSA on its optimised P-256 curve, without JCA
 * provider lookups, with deterministic nonces (RFC 6979, HMAC-SHA-256): the same key and message always give the same
 * signature, and no random number generator is needed while signing. Instances are immutable and thread-safe.
 */
public final class DeviceKeys {
    /** The curve's name in JCA and in BouncyCastle. */
    public static final String CURVE = EcdsaP256.CURVE;

    private static final ECDomainParameters DOMAIN = EcdsaP256.DOMAIN;

    private final KeyPair keyPair;
    private final ECPrivateKeyParameters signingKey;
    private final ECPublicKeyParameters verifyingKey;

    private DeviceKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
        BigInteger d = ((ECPrivateKey) keyPair.getPrivate()).getS();
        this.signingKey = new ECPrivateKeyParameters(d, DOMAIN);
        this.verifyingKey = new ECPublicKeyParameters(DOMAIN.getG().multiply(d).normalize(), DOMAIN);
    }

    /**
     * Generates a new P-256 key pair from the platform's strong random source.
     *
     * @return the keys
     */
    public static DeviceKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), new SecureRandom());
            return new DeviceKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available on this JVM", e);
        }
    }

    /**
     * Wraps an existing P-256 key pair.
     *
     * @param keyPair an EC key pair on P-256
     * @return the keys
     * @throws IllegalArgumentException when the private key is not an EC key
     */
    public static DeviceKeys of(KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        if (!(keyPair.getPrivate() instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("Not an EC private key");
        }
        return new DeviceKeys(keyPair);
    }

    /**
     * Reads a private key from PEM, either PKCS#8 ({@code PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}, what
     * {@code openssl ecparam -genkey} writes); the public key is derived from it.
     *
     * @param pem the PEM text
     * @return the keys
     * @throws IllegalArgumentException when the text holds no EC private key
     */
    public static DeviceKeys fromPem(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            PrivateKeyInfo info;
            if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (object instanceof PrivateKeyInfo plain) {
                info = plain;
            } else {
                throw new IllegalArgumentException("No EC private key in the PEM text");
            }
            return fromPrivateScalar(org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey())
                    .getKey());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Unreadable EC private key: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the keys from a private scalar, for keys held outside a PEM file (a secure element's export, or the
     * published test vectors of RFC 6979).
     *
     * @param d the private scalar, 1 &le; d &lt; n
     * @return the keys
     * @throws IllegalArgumentException when d is out of range
     */
    public static DeviceKeys fromPrivateScalar(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(DOMAIN.getN()) >= 0) {
            throw new IllegalArgumentException("The private scalar is out of range");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECParameterSpec spec = jcaParameters();
            var point = DOMAIN.getG().multiply(d).normalize();
            PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(
                    new ECPoint(
                            point.getAffineXCoord().toBigInteger(),
                            point.getAffineYCoord().toBigInteger()),
                    spec));
            PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(d, spec));
            return new DeviceKeys(new KeyPair(publicKey, privateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available on this JVM", e);
        }
    }

    private static ECParameterSpec jcaParameters() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(CURVE));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    /**
     * Returns the JCA key pair, for TLS client authentication.
     *
     * @return the key pair
     */
    public KeyPair keyPair() {
        return keyPair;
    }

    /**
     * Returns the public key as BouncyCastle parameters, for verifying with the low-level API.
     *
     * @return the public point on P-256
     */
    public ECPublicKeyParameters publicParameters() {
        return verifyingKey;
    }

    /**
     * Encodes the private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), unencrypted.
     *
     * @return the PEM text
     */
    public String privateKeyPem() {
        return pem(keyPair.getPrivate());
    }

    /**
     * Encodes the public key as X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}).
     *
     * @return the PEM text
     */
    public String publicKeyPem() {
        return pem(keyPair.getPublic());
    }

    /**
     * Builds the PKCS#10 certification request (RFC 2986) the gateway's provisioning expects: subject {@code
     * CN=<deviceId>} and nothing else, signed with ECDSA/SHA-256 by this key.
     *
     * @param deviceId the device ID the administrator registered, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
     * @return the request as PEM ({@code -----BEGIN CERTIFICATE REQUEST-----})
     */
    public String csrPem(String deviceId) {
        DeviceIds.check(deviceId);
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                            new X500Principal("CN=" + deviceId), keyPair.getPublic())
                    .build(signer);
            return pem(request);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("ECDSA/SHA-256 is not available", e);
        }
    }

    /**
     * Signs a message: ECDSA on P-256 over its SHA-256 digest ({@code SHA256withECDSA}) with an RFC 6979 nonce.
     *
     * @param message the bytes to sign, for example a canonical telemetry batch
     * @return the raw 64-byte signature {@code r||s} (IEEE P1363), each half big-endian and zero-padded; {@code s} is
     *     not normalised
     */
    public byte[] sign(byte[] message) {
        return EcdsaP256.sign(signingKey, message);
    }

    /**
     * Checks a signature made by this key.
     *
     * @param message the signed bytes
     * @param signature raw {@code r||s} (64 bytes) or DER
     * @return true when it verifies
     */
    public boolean verify(byte[] message, byte[] signature) {
        return EcdsaP256.verify(verifyingKey, EcdsaP256.sha256(message), signature);
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
