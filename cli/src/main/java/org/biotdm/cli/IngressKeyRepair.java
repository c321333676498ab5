package org.biotdm.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Works around a gateway-api defect until it is fixed there: on first start the gateway writes its device-port key
 * ({@code <gateway data-dir>/ingress/server-key.pem}) as a SEC1 {@code EC PRIVATE KEY} without the curve, which it
 * then cannot read back, so every restart on the same data fails. Before the gateway starts, such a key is rewritten
 * as PKCS#8 on P-256 (the curve the gateway generates) — only after checking that the result signs for the public key
 * of {@code server-cert.pem}; otherwise the file is left alone. A key the gateway can read is never touched.
 */
final class IngressKeyRepair {
    private IngressKeyRepair() {}

    /**
     * Rewrites the key if it has the defect.
     *
     * @param ingressDir {@code <gateway data-dir>/ingress}
     * @return true when the key was rewritten
     */
    static boolean repair(Path ingressDir) {
        Path keyFile = ingressDir.resolve("server-key.pem");
        Path certFile = ingressDir.resolve("server-cert.pem");
        try {
            if (!Files.exists(keyFile) || !Files.exists(certFile)) {
                return false;
            }
            String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
            if (!pem.contains("BEGIN EC PRIVATE KEY")) {
                return false;
            }
            ECPrivateKey sec1 = sec1(pem);
            if (sec1 == null || sec1.getParametersObject() != null) {
                return false;
            }
            byte[] pkcs8 = new PrivateKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
                            new ECPrivateKey(256, sec1.getKey()))
                    .getEncoded();
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (!matches(key, certificate(certFile))) {
                return false;
            }
            write(keyFile, pkcs8);
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static ECPrivateKey sec1(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof PEMKeyPair pair)) {
                return null;
            }
            return ECPrivateKey.getInstance(pair.getPrivateKeyInfo().parsePrivateKey());
        }
    }

    private static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static boolean matches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        byte[] probe = "biotdm ingress key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    private static void write(Path keyFile, byte[] pkcs8) throws IOException {
        String text = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        Path temp = keyFile.resolveSibling("server-key.pem.tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.move(temp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
