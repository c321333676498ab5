package org.biotdm.protocol.firmware;

import java.io.IOException;
import java.io.StringReader;
import java.util.HexFormat;
import java.util.Objects;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A manufacturer's firmware-signing P-256 public key and its key ID: the lower-case hex SHA-256 of the key's DER
 * {@code SubjectPublicKeyInfo} (RFC 5480), as the manifest's {@code keyId} line names it (the key-identifier idea of
 * RFC 7093 §2, over the whole structure).
 *
 * @param manufacturer the MSP ID of the manufacturer the key signs for
 * @param keyId the key ID, 64 lower-case hex digits
 * @param key the public key
 */
public record SigningKey(String manufacturer, String keyId, ECPublicKeyParameters key) {

    /**
     * Creates a key entry.
     *
     * @throws NullPointerException when a field is null
     */
    public SigningKey {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
    }

    /**
     * Reads a key from PEM and derives its ID.
     *
     * @param manufacturer the MSP ID the key signs for
     * @param spkiPem one PEM {@code PUBLIC KEY} block holding a P-256 key
     * @return the key entry
     * @throws IllegalArgumentException when the PEM holds no P-256 public key
     */
    public static SigningKey fromPem(String manufacturer, String spkiPem) {
        ECPublicKeyParameters key = EcdsaP256.publicKeyFromPem(spkiPem);
        if (key == null) {
            throw new IllegalArgumentException("not a PEM P-256 public key");
        }
        return new SigningKey(manufacturer, keyId(spkiPem), key);
    }

    /**
     * Derives the key ID of a PEM public key.
     *
     * @param spkiPem one PEM {@code PUBLIC KEY} block
     * @return 64 lower-case hex digits: SHA-256 of the block's DER content
     * @throws IllegalArgumentException when the text is not a PEM public key
     */
    public static String keyId(String spkiPem) {
        try (PemReader reader = new PemReader(new StringReader(spkiPem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !"PUBLIC KEY".equals(object.getType())) {
                throw new IllegalArgumentException("not a PEM PUBLIC KEY block");
            }
            return HexFormat.of().formatHex(EcdsaP256.sha256(object.getContent()));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM PUBLIC KEY block", e);
        }
    }
}
