package org.biotdm.protocol.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.junit.jupiter.api.Test;

class CommandReceiptTest {
    private static final String PARAMS = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    private static final String RESULT = "ab".repeat(32);

    private final CommandReceipt receipt =
            new CommandReceipt("cmd-1", "d-17", "reboot", PARAMS, ReceiptStatus.SUCCEEDED, RESULT);

    @Test
    void canonical_text_is_the_seven_lines_of_the_chaincode_readme() {
        assertThat(receipt.canonicalText())
                .isEqualTo("biotdm-receipt-v1\ncommandId=cmd-1\ndeviceId=d-17\ncommandType=reboot\n"
                        + "parametersSha256=" + PARAMS + "\nstatus=SUCCEEDED\nresultSha256=" + RESULT + "\n");
    }

    @Test
    void accepts_the_devices_der_and_raw_signatures() throws Exception {
        KeyPair device = p256();
        byte[] der = sign(device, receipt.canonicalText());

        assertThat(receipt.verify(key(device), Base64.getEncoder().encodeToString(der)))
                .isTrue();
        assertThat(receipt.verify(key(device), Base64.getEncoder().encodeToString(raw(der))))
                .isTrue();
    }

    @Test
    void refuses_another_key_another_status_and_garbage() throws Exception {
        KeyPair device = p256();
        String signature = Base64.getEncoder().encodeToString(sign(device, receipt.canonicalText()));
        CommandReceipt failed = new CommandReceipt("cmd-1", "d-17", "reboot", PARAMS, ReceiptStatus.FAILED, RESULT);

        assertThat(receipt.verify(key(p256()), signature)).isFalse();
        assertThat(failed.verify(key(device), signature)).isFalse();
        assertThat(receipt.verify(key(device), "not base64!")).isFalse();
        assertThat(receipt.verify(key(device), "AAAA")).isFalse();
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static byte[] sign(KeyPair keys, String text) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(keys.getPrivate());
        signature.update(text.getBytes(StandardCharsets.UTF_8));
        return signature.sign();
    }

    static ECPublicKeyParameters key(KeyPair keys) throws Exception {
        return (ECPublicKeyParameters) ECUtil.generatePublicKeyParameter((ECPublicKey) keys.getPublic());
    }

    private static byte[] raw(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        byte[] out = new byte[64];
        put(((ASN1Integer) sequence.getObjectAt(0)).getValue(), out, 0);
        put(((ASN1Integer) sequence.getObjectAt(1)).getValue(), out, 32);
        return out;
    }

    private static void put(BigInteger value, byte[] out, int at) {
        byte[] bytes = value.toByteArray();
        byte[] trimmed = bytes.length > 32 ? Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length) : bytes;
        System.arraycopy(trimmed, 0, out, at + 32 - trimmed.length, trimmed.length);
    }
}
