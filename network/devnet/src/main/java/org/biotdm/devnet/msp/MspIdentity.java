package org.biotdm.devnet.msp;

import com.google.protobuf.ByteString;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * A validated X.509 identity of a channel member, as a Fabric MSP deserialises it from a {@code
 * msp.SerializedIdentity}: the certificate chains to the organisation's root CA and its organisational units carry the
 * NodeOU role ({@code peer}, {@code client}, {@code admin}, {@code orderer}).
 */
public interface MspIdentity {

    /**
     * Returns the MSP ID this identity belongs to, for example {@code Org1MSP}.
     *
     * @return the MSP ID, never empty
     */
    String mspId();

    /**
     * Returns the identity's certificate.
     *
     * @return the X.509 certificate
     */
    X509Certificate certificate();

    /**
     * Returns the certificate's public key.
     *
     * @return the EC P-256 public key
     */
    PublicKey publicKey();

    /**
     * Returns the organisational units of the certificate subject (for NodeOUs: {@code peer}, {@code client}, {@code
     * admin} or {@code orderer}).
     *
     * @return the OU values, possibly empty
     */
    Set<String> organizationalUnits();

    /**
     * Returns the serialized {@code msp.SerializedIdentity} bytes this identity was read from.
     *
     * @return the serialized identity bytes
     */
    ByteString serialized();

    /**
     * Verifies an ECDSA signature by this identity over a message, as Fabric does: SHA-256 of the message, DER
     * signature. Like Fabric's BCCSP ({@code bccsp/sw/ecdsa.go verifyECDSA}), signatures whose S lies in the upper
     * half of the curve order are rejected; fabric-gateway and Fabric's signers always produce low-S signatures.
     *
     * @param message the signed bytes
     * @param signature the DER-encoded ECDSA signature
     * @return true when the signature is valid
     */
    boolean verify(byte[] message, byte[] signature);

    /**
     * Records that a signature this process has just made with this identity's private key is valid, so that later
     * {@link #verify} calls for the same message and signature answer without the elliptic-curve check. Callers must
     * have signed with the private key that matches this identity and must not pass anything they did not sign. The
     * default does nothing.
     *
     * @param message the signed bytes
     * @param signature the signature just made over them
     */
    default void rememberOwnSignature(byte[] message, byte[] signature) {}
}
