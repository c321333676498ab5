package org.biotdm.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Mints Fabric CA-style client certificates, with the {@code biotdm.role} attribute in extension
 * 1.2.3.4.5.6.7.8.1, and wraps them as the serialized creator identity a proposal carries.
 */
public final class FabricIdentities {
    private static final ASN1ObjectIdentifier ATTRIBUTES = new ASN1ObjectIdentifier("1.2.3.4.5.6.7.8.1");

    private FabricIdentities() {}

    /** A serialized identity of {@code mspId} whose certificate names {@code role} (or no attribute if null). */
    public static byte[] creator(final String mspId, final String commonName, final String role) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificatePem(mspId, commonName, role), UTF_8))
                .build()
                .toByteArray();
    }

    private static String certificatePem(final String mspId, final String commonName, final String role) {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            final KeyPair keys = generator.generateKeyPair();
            final String org = mspId.replace("MSP", "").toLowerCase(java.util.Locale.ROOT);
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("O=" + org + ",CN=ca." + org),
                    BigInteger.ONE,
                    Date.from(Instant.parse("2024-01-01T00:00:00Z")),
                    Date.from(Instant.parse("2034-01-01T00:00:00Z")),
                    new X500Name("O=" + org + ",OU=client,CN=" + commonName),
                    keys.getPublic());
            if (role != null) {
                builder.addExtension(
                        ATTRIBUTES,
                        false,
                        ("{\"attrs\":{\"biotdm.role\":\"" + role + "\",\"hf.EnrollmentID\":\"" + commonName + "\"}}")
                                .getBytes(UTF_8));
            }
            final StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                        .getCertificate(builder.build(
                                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))));
            }
            return pem.toString();
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
