package org.biotdm.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.biotdm.chaincode.support.Hashes;

/**
 * A real device key pair on a named curve, generated per test, with PEM export and receipt signing.
 */
public final class DeviceKeyPair {
    private final KeyPair keyPair;
    private final String fingerprint;

    private DeviceKeyPair(final KeyPair keyPair) {
        this.keyPair = keyPair;
        this.fingerprint = Hashes.sha256Hex(keyPair.getPublic().getEncoded());
    }

    /** Generates a P-256 key pair. */
    public static DeviceKeyPair p256() {
        return generate("secp256r1");
    }

    /** Generates a key pair on another curve, such as {@code secp384r1}. */
    public static DeviceKeyPair generate(final String curve) {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return new DeviceKeyPair(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as one-line-per-64-characters PEM, as the chaincode stores it. */
    public String publicKeyPem() {
        final String body = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8))
                .encodeToString(keyPair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** A stand-in for the SHA-256 fingerprint of the device certificate. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Signs with SHA256withECDSA, DER-encoded, base64. */
    public String signDer(final String text) {
        return sign("SHA256withECDSA", text);
    }

    /** Signs with SHA256withECDSA, raw r||s, base64. */
    public String signRaw(final String text) {
        return sign("SHA256withECDSAinP1363Format", text);
    }

    private String sign(final String algorithm, final String text) {
        try {
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(keyPair.getPrivate());
            signer.update(text.getBytes(UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
