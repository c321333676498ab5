package org.biotdm.gateway.users;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import org.biotdm.gateway.security.SecretFiles;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads, writes and generates the EC P-256 keys of the users package in PEM. */
final class PemKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PemKeys() {}

    /**
     * Generates a P-256 key pair.
     *
     * @return the pair
     */
    static KeyPair newP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 key generation is unavailable", e);
        }
    }

    /**
     * Reads a PKCS#8 PEM EC private key and derives its public key, or creates the file (owner-only, atomically)
     * with a new P-256 key when it does not exist.
     *
     * @param file the PEM file
     * @return the key pair
     * @throws IOException when the file cannot be read, parsed or written
     */
    static KeyPair loadOrCreateEcKeyPair(Path file) throws IOException {
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return ecKeyPair(readPrivateKey(reader));
            }
        }
        KeyPair pair = newP256();
        SecretFiles.write(file, privateKeyPem(pair.getPrivate()));
        return pair;
    }

    /**
     * Writes a private key as PKCS#8 PEM.
     *
     * @param key the key
     * @return the PEM text
     */
    static String privateKeyPem(PrivateKey key) {
        return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
    }

    /**
     * Reads one PKCS#8 PEM EC private key.
     *
     * @param reader the PEM text
     * @return the key
     * @throws IOException when the text is no PKCS#8 EC key
     */
    static PrivateKey readPrivateKey(Reader reader) throws IOException {
        try (PemReader pem = new PemReader(reader)) {
            PemObject object = pem.readPemObject();
            if (object == null || !"PRIVATE KEY".equals(object.getType())) {
                throw new IOException("expected a PKCS#8 PEM 'PRIVATE KEY'");
            }
            return KeyFactory.getInstance("EC")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(object.getContent()));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an EC private key: " + e.getMessage(), e);
        }
    }

    /**
     * Derives the public key of an EC private key (Q = d·G) and pairs them.
     *
     * @param privateKey the private key
     * @return the pair
     * @throws IOException when the key is no EC key on a named curve
     */
    static KeyPair ecKeyPair(PrivateKey privateKey) throws IOException {
        if (!(privateKey instanceof ECPrivateKey ec)) {
            throw new IOException("not an EC private key");
        }
        try {
            var spec = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
            var q = spec.getG().multiply(ec.getS()).normalize();
            var point = new java.security.spec.ECPoint(
                    q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            PublicKey publicKey =
                    KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ec.getParams()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the public key: " + e.getMessage(), e);
        }
    }

    /**
     * Returns a stable key ID: the base64url SHA-256 of the public key's SubjectPublicKeyInfo, first 16 characters.
     *
     * @param publicKey the public key
     * @return the key ID
     */
    static String keyId(PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /**
     * Writes a PEM object.
     *
     * @param object the object
     * @return the PEM text
     */
    static String pem(PemObject object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }

    /**
     * Builds a PKCS#10 certification request (RFC 2986) for a Fabric CA enrolment: subject {@code CN=<commonName>},
     * signed with SHA256withECDSA by the key's private half.
     *
     * @param commonName the enrolment ID
     * @param key the identity's new P-256 key pair
     * @return the request, PEM
     */
    static String csrPem(String commonName, KeyPair key) {
        try {
            var request = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                            new org.bouncycastle.asn1.x500.X500Name("CN=" + commonName), key.getPublic())
                    .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                            .build(key.getPrivate()));
            return pem(new PemObject("CERTIFICATE REQUEST", request.getEncoded()));
        } catch (org.bouncycastle.operator.OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build a CSR", e);
        }
    }
}
