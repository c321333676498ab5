package org.biotdm.chaincode.support;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Parses device public keys: PEM {@code PUBLIC KEY} blocks (X.509 SubjectPublicKeyInfo) holding an EC key on the
 * NIST P-256 curve (secp256r1), the only kind BIoT-DM devices use.
 */
public final class DeviceKeys {
    /** Largest accepted PEM text. */
    public static final int MAX_PEM_LENGTH = 1024;

    private static final String PEM_TYPE = "PUBLIC KEY";
    private static final int PEM_LINE = 64;

    private DeviceKeys() {}

    /**
     * Validates a device public key and returns its canonical PEM: the DER re-encoded in base64 lines of 64
     * characters, each ending with a line feed, between the standard header and footer.
     *
     * @param field the request field name, for the message
     * @param pem the PEM text
     * @return the canonical PEM, identical on every endorser whatever the input's line breaks
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the text is not one PEM
     *     public key on P-256
     */
    public static String canonicalPem(final String field, final String pem) {
        return toPem(p256Der(field, pem));
    }

    /**
     * Parses a stored canonical PEM into a JDK public key for signature checks.
     *
     * @param pem the canonical PEM kept in a device record
     * @return the EC public key
     */
    public static PublicKey publicKey(final String pem) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(p256Der("publicKeyPem", pem)));
        } catch (GeneralSecurityException e) {
            throw Check.invalid("publicKeyPem", "is not a usable EC public key");
        }
    }

    private static byte[] p256Der(final String field, final String pem) {
        Check.required(field, pem);
        if (pem.length() > MAX_PEM_LENGTH) {
            throw Check.invalid(field, "exceeds " + MAX_PEM_LENGTH + " characters");
        }
        final byte[] der = readPem(field, pem);
        final SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(der);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Check.invalid(field, "is not an X.509 SubjectPublicKeyInfo");
        }
        final ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)
                || !SECObjectIdentifiers.secp256r1.equals(info.getAlgorithm().getParameters())) {
            throw Check.invalid(field, "must be an EC key on curve P-256 (secp256r1)");
        }
        return der;
    }

    private static byte[] readPem(final String field, final String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            final PemObject object = reader.readPemObject();
            if (object == null || !PEM_TYPE.equals(object.getType()) || object.getContent().length == 0) {
                throw Check.invalid(field, "must be one PEM block of type PUBLIC KEY");
            }
            if (reader.readPemObject() != null) {
                throw Check.invalid(field, "must hold exactly one PEM block");
            }
            return object.getContent();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw Check.invalid(field, "is not valid PEM");
        }
    }

    private static String toPem(final byte[] der) {
        final String body = new String(Base64.getEncoder().encode(der), US_ASCII);
        final StringBuilder out = new StringBuilder(body.length() + 80);
        out.append("-----BEGIN ").append(PEM_TYPE).append("-----\n");
        for (int start = 0; start < body.length(); start += PEM_LINE) {
            out.append(body, start, Math.min(body.length(), start + PEM_LINE)).append('\n');
        }
        return out.append("-----END ").append(PEM_TYPE).append("-----\n").toString();
    }
}
