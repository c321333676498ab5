package org.biotdm.device.sdk;

import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for unit tests that need a "provisioned" state directory. */
final class TestCertificates {
    private TestCertificates() {}

    static String selfSigned(DeviceKeys keys, String cn) throws Exception {
        X500Name name = new X500Name("CN=" + cn);
        long now = System.currentTimeMillis();
        var holder = new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        new Date(now - 60_000),
                        new Date(now + 86_400_000),
                        name,
                        keys.keyPair().getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(keys.keyPair().getPrivate()));
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(holder);
        }
        return text.toString();
    }
}
