package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;

class BcEcdsaSignerTest {
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void signature_over_the_digest_verifies_as_sha256_with_ecdsa_over_the_message() throws Exception {
        KeyPair keys = p256();
        BcEcdsaSigner signer = new BcEcdsaSigner(keys.getPrivate());
        for (int i = 0; i < 50; i++) {
            byte[] message = ("proposal " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = signer.sign(MessageDigest.getInstance("SHA-256").digest(message));

            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(keys.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
            BigInteger s = ((ASN1Integer) ASN1Sequence.getInstance(signature).getObjectAt(1)).getValue();
            assertThat(s).isLessThanOrEqualTo(P256_ORDER.shiftRight(1));
        }
    }

    @Test
    void signatures_are_deterministic_per_rfc_6979() throws Exception {
        BcEcdsaSigner signer = new BcEcdsaSigner(p256().getPrivate());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});

        assertThat(signer.sign(digest)).isEqualTo(signer.sign(digest));
    }

    @Test
    void refuses_a_key_that_is_not_ec() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);

        assertThatThrownBy(() -> new BcEcdsaSigner(rsa.generateKeyPair().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
