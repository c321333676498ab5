package org.biotdm.devnet.msp;

import com.google.protobuf.ByteString;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * An identity that can sign: a peer, an orderer or a client of one organisation.
 *
 * @param mspId the MSP ID, for example {@code Org1MSP}
 * @param certificate the X.509 certificate issued by the organisation's CA
 * @param privateKey the EC P-256 private key matching the certificate
 */
public record SigningIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {

    /**
     * Returns the {@code msp.SerializedIdentity} bytes: the MSP ID and the PEM-encoded certificate, as Fabric's
     * clients and peers put into signature headers and endorsements.
     *
     * @return the serialized identity
     */
    public ByteString serialize() {
        return org.biotdm.devnet.crypto.Certificates.serializedIdentity(mspId, certificate);
    }

    /**
     * Signs a message with ECDSA over SHA-256 and returns a low-S DER signature, as Fabric's BCCSP does.
     *
     * @param message the bytes to sign
     * @return the DER-encoded low-S signature
     */
    public byte[] sign(byte[] message) {
        return org.biotdm.devnet.crypto.Ecdsa.sign(privateKey, message);
    }
}
