package org.biotdm.gateway.ingress;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes the PEM files of the device port (certificates, unencrypted private keys) with BouncyCastle. */
public final class Pem {
    private Pem() {}

    /**
     * Reads every certificate in a PEM file, in file order.
     *
     * @param file the PEM file
     * @return the certificates
     * @throws IOException when the file cannot be read, holds something else, or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new IOException(file + " holds a " + object.getClass().getSimpleName()
                            + " where only certificates are expected");
                }
                certificates.add(converter.getCertificate(holder));
            }
        } catch (CertificateException e) {
            throw new IOException("invalid certificate in " + file, e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate in " + file);
        }
        return certificates;
    }

    /**
     * Reads the first private key of a PEM file (PKCS#8 {@code PRIVATE KEY} or a traditional {@code EC/RSA PRIVATE
     * KEY}), unencrypted.
     *
     * @param file the PEM file
     * @return the key
     * @throws IOException when the file cannot be read or holds no usable key
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return readPrivateKey(file, null);
    }

    /**
     * Reads the first private key of a PEM file like {@link #readPrivateKey(Path)}, taking the curve from the matching
     * certificate's public key when a traditional {@code EC PRIVATE KEY} (RFC 5915) omits its optional parameters, as
     * device-port keys written by earlier versions of this gateway do.
     *
     * @param file the PEM file
     * @param publicKey the public key of the key's certificate, or null
     * @return the key
     * @throws IOException when the file cannot be read or holds no usable key
     */
    public static PrivateKey readPrivateKey(Path file, PublicKey publicKey) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    PrivateKeyInfo info = pair.getPrivateKeyInfo();
                    if (publicKey != null
                            && (info.getPrivateKeyAlgorithm().getParameters() == null
                                    || info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1Null)) {
                        info = new PrivateKeyInfo(
                                SubjectPublicKeyInfo.getInstance(publicKey.getEncoded())
                                        .getAlgorithm(),
                                info.parsePrivateKey());
                    }
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException("no unencrypted private key in " + file);
    }

    /**
     * Encodes objects (certificates, keys) as PEM text.
     *
     * @param objects what to encode, in order
     * @return the PEM text
     * @throws IOException when an object cannot be encoded
     */
    public static String encode(Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }
}
