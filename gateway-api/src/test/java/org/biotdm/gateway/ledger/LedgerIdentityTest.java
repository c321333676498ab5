package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerIdentityTest {
    @TempDir
    Path dir;

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=gateway@org1.example.com, O=org1.example.com");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                java.math.BigInteger.TEN,
                                Date.from(now),
                                Date.from(now.plusSeconds(3600)),
                                name,
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private Path writeMsp(KeyPair keys, X509Certificate certificate) throws IOException {
        Path msp = dir.resolve("msp");
        Files.createDirectories(msp.resolve("signcerts"));
        Files.createDirectories(msp.resolve("keystore"));
        Files.writeString(msp.resolve("signcerts/cert.pem"), Identities.toPemString(certificate));
        Files.writeString(msp.resolve("keystore/priv_sk"), Identities.toPemString(keys.getPrivate()));
        return msp;
    }

    @Test
    void reads_certificate_and_key_from_a_cryptogen_msp_directory() throws Exception {
        KeyPair keys = p256();
        X509Certificate certificate = selfSigned(keys);

        LedgerIdentity identity = LedgerIdentity.fromMspDir("Org1MSP", writeMsp(keys, certificate));

        assertThat(identity.mspId()).isEqualTo("Org1MSP");
        assertThat(identity.certificate()).isEqualTo(certificate);
        assertThat(identity.privateKey().getEncoded())
                .isEqualTo(keys.getPrivate().getEncoded());
        assertThat(identity.key()).startsWith("Org1MSP:").hasSize("Org1MSP:".length() + 64);
        assertThat(identity.toString()).contains("gateway@org1.example.com").doesNotContain("PRIVATE");
    }

    @Test
    void refuses_a_directory_without_exactly_one_key_file() throws Exception {
        KeyPair keys = p256();
        Path msp = writeMsp(keys, selfSigned(keys));
        Files.writeString(msp.resolve("keystore/second_sk"), Identities.toPemString(keys.getPrivate()));

        assertThatThrownBy(() -> LedgerIdentity.fromMspDir("Org1MSP", msp))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exactly one file");
    }

    @Test
    void refuses_a_certificate_file_that_is_not_pem() throws Exception {
        KeyPair keys = p256();
        Path msp = writeMsp(keys, selfSigned(keys));
        Files.writeString(msp.resolve("signcerts/cert.pem"), "not a certificate");

        assertThatThrownBy(() -> LedgerIdentity.fromMspDir("Org1MSP", msp)).isInstanceOf(IOException.class);
    }
}
