package org.biotdm.gateway.ledger;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * A Fabric identity the gateway can submit transactions as: the MSP ID, the X.509 certificate the organisation's CA
 * issued, and the matching EC private key.
 *
 * @param mspId the MSP ID, for example {@code Org1MSP}
 * @param certificate the identity's certificate
 * @param privateKey the private key matching the certificate
 */
public record LedgerIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {

    /**
     * Checks the components.
     *
     * @param mspId the MSP ID
     * @param certificate the certificate
     * @param privateKey the private key
     */
    public LedgerIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Reads an identity from an MSP directory in Fabric's {@code cryptogen} layout: the certificate from the one file
     * in {@code signcerts/} (for example {@code cert.pem}) and the PKCS#8 PEM key from the one file in {@code
     * keystore/} (for example {@code priv_sk}).
     *
     * @param mspId the MSP ID of the identity's organisation
     * @param mspDir the MSP directory
     * @return the identity
     * @throws IOException when a file is missing, unreadable or not a PEM certificate or key
     */
    public static LedgerIdentity fromMspDir(String mspId, Path mspDir) throws IOException {
        Path certFile = onlyFile(mspDir.resolve("signcerts"));
        Path keyFile = onlyFile(mspDir.resolve("keystore"));
        try (Reader certReader = Files.newBufferedReader(certFile);
                Reader keyReader = Files.newBufferedReader(keyFile)) {
            return new LedgerIdentity(
                    mspId, Identities.readX509Certificate(certReader), Identities.readPrivateKey(keyReader));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the identity in " + mspDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns a key that tells identities apart: the MSP ID and the SHA-256 of the certificate's DER encoding.
     *
     * @return {@code <mspId>:<64 hex digits>}
     */
    public String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return mspId + ":" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable or the certificate cannot be encoded", e);
        }
    }

    /**
     * Returns a short human-readable name of the identity for logs and the transaction log.
     *
     * @return {@code <mspId>/<subject DN>}
     */
    public String displayName() {
        return mspId + "/" + certificate.getSubjectX500Principal().getName();
    }

    /**
     * Returns the certificate's DER encoding.
     *
     * @return the DER bytes
     * @throws IllegalStateException when the certificate cannot be encoded (never for a parsed certificate)
     */
    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    @Override
    public String toString() {
        return "LedgerIdentity[" + displayName() + "]";
    }

    private static Path onlyFile(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            stream.forEach(files::add);
        }
        if (files.size() != 1) {
            throw new IOException("expected exactly one file in " + dir + ", found " + files.size());
        }
        return files.get(0);
    }
}
