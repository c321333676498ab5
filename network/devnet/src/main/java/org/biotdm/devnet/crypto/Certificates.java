package org.biotdm.devnet.crypto;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Reads and writes the PEM files of a Fabric MSP (RFC 7468: certificates, PKCS#8 {@code PRIVATE KEY} keystore files,
 * PKCS#10 CSRs) and builds the {@code msp.SerializedIdentity} that Fabric puts into signature headers.
 */
public final class Certificates {
    private static final int MAX_CACHED_IDENTITIES = 1024;
    private static final Base64.Encoder PEM_BASE64 =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    private static final Map<IdentityKey, ByteString> SERIALIZED = new ConcurrentHashMap<>();

    private Certificates() {}

    /**
     * Returns the {@code msp.SerializedIdentity{mspid, id_bytes}} bytes of a certificate, with {@code id_bytes} the
     * UTF-8 PEM text, as Fabric's clients, peers and fabric-gateway build them. Results are cached because signing
     * identities serialise themselves on every proposal.
     *
     * @param mspId the MSP ID, for example {@code Org1MSP}
     * @param certificate the identity's certificate
     * @return the serialized identity
     */
    public static ByteString serializedIdentity(String mspId, X509Certificate certificate) {
        IdentityKey key = new IdentityKey(mspId, certificate);
        ByteString cached = SERIALIZED.get(key);
        if (cached != null) {
            return cached;
        }
        ByteString serialized = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(toPem(certificate)))
                .build()
                .toByteString();
        if (SERIALIZED.size() >= MAX_CACHED_IDENTITIES) {
            SERIALIZED.clear();
        }
        SERIALIZED.put(key, serialized);
        return serialized;
    }

    /**
     * Encodes a certificate as a PEM {@code CERTIFICATE} block with 64-character lines and a final newline, the
     * format Go's {@code encoding/pem} and cryptogen write.
     *
     * @param certificate the certificate
     * @return the PEM text
     */
    public static String toPem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /**
     * Encodes a private key as a PKCS#8 PEM {@code PRIVATE KEY} block, as in a Fabric keystore {@code priv_sk} file.
     *
     * @param key the private key
     * @return the PEM text
     */
    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /**
     * Encodes a PKCS#10 certification request as a PEM {@code CERTIFICATE REQUEST} block.
     *
     * @param csr the request
     * @return the PEM text
     */
    public static String toPem(PKCS10CertificationRequest csr) {
        try {
            return pem("CERTIFICATE REQUEST", csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("CSR cannot be encoded", e);
        }
    }

    /**
     * Parses one certificate from PEM or DER bytes.
     *
     * @param encoded the PEM text or DER bytes
     * @return the certificate
     * @throws CertificateException when the bytes do not hold an X.509 certificate
     */
    public static X509Certificate parseCertificate(byte[] encoded) throws CertificateException {
        Certificate certificate =
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
        if (certificate instanceof X509Certificate x509) {
            return x509;
        }
        throw new CertificateException("not an X.509 certificate");
    }

    /**
     * Parses one PEM certificate.
     *
     * @param pem the PEM text
     * @return the certificate
     * @throws CertificateException when the text does not hold an X.509 certificate
     */
    public static X509Certificate parseCertificate(String pem) throws CertificateException {
        return parseCertificate(pem.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses every certificate of a PEM bundle, such as a CA chain, in order.
     *
     * @param pem the concatenated PEM blocks
     * @return the certificates, possibly empty
     * @throws CertificateException when a block is not an X.509 certificate
     */
    public static List<X509Certificate> parseCertificates(String pem) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))) {
            out.add((X509Certificate) certificate);
        }
        return out;
    }

    /**
     * Reads a certificate file such as {@code signcerts/peer0.org1.example.com-cert.pem}.
     *
     * @param file the PEM file
     * @return the certificate
     * @throws IOException when the file cannot be read
     * @throws CertificateException when it does not hold a certificate
     */
    public static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
        return parseCertificate(Files.readAllBytes(file));
    }

    /**
     * Parses a PEM private key: PKCS#8 {@code PRIVATE KEY} (Fabric keystore) or SEC 1 {@code EC PRIVATE KEY}.
     *
     * @param pem the PEM text
     * @return the private key
     * @throws GeneralSecurityException when the text does not hold a supported private key
     */
    public static PrivateKey parsePrivateKey(String pem) throws GeneralSecurityException {
        Object parsed = readPemObject(pem);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("private key cannot be decoded", e);
        }
        throw new GeneralSecurityException("no PRIVATE KEY block found");
    }

    /**
     * Reads a keystore file such as {@code keystore/priv_sk}.
     *
     * @param file the PEM file
     * @return the private key
     * @throws IOException when the file cannot be read
     * @throws GeneralSecurityException when it does not hold a private key
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        return parsePrivateKey(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses a PEM PKCS#10 certification request. The request's signature is not checked here.
     *
     * @param pem the PEM text
     * @return the request
     * @throws GeneralSecurityException when the text does not hold a CSR
     */
    public static PKCS10CertificationRequest parseCsr(String pem) throws GeneralSecurityException {
        if (readPemObject(pem) instanceof PKCS10CertificationRequest csr) {
            return csr;
        }
        throw new GeneralSecurityException("no CERTIFICATE REQUEST block found");
    }

    /**
     * Creates a PKCS#10 certification request signed with SHA256withECDSA, as a device or user would send for
     * enrolment.
     *
     * @param keyPair the EC key pair whose public key is to be certified
     * @param subject the requested subject, for example {@code CN=sensor-gw-1}
     * @return the signed request
     */
    public static PKCS10CertificationRequest createCsr(KeyPair keyPair, String subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(keyPair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("CSR cannot be signed with this key", e);
        }
    }

    /**
     * Returns the lowercase hex SHA-256 fingerprint of a certificate's DER encoding.
     *
     * @param certificate the certificate
     * @return 64 hex characters
     */
    public static String fingerprintSha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(Hashes.sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static Object readPemObject(String pem) throws GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new GeneralSecurityException("no PEM block found");
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("malformed PEM: " + e.getMessage(), e);
        }
    }

    private record IdentityKey(String mspId, X509Certificate certificate) {}
}
