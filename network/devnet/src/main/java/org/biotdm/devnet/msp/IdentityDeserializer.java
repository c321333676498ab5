package org.biotdm.devnet.msp;

import com.google.protobuf.ByteString;

/** Turns serialized creator and endorser identities into validated channel-member identities. */
public interface IdentityDeserializer {

    /**
     * Deserialises and validates a {@code msp.SerializedIdentity}: the MSP must be a channel member and the
     * certificate must chain to that MSP's root CA and be within its validity period.
     *
     * @param serializedIdentity the {@code msp.SerializedIdentity} bytes
     * @return the validated identity
     * @throws MspException when the bytes do not parse, the MSP is unknown or the certificate is not valid for it
     */
    MspIdentity deserialize(ByteString serializedIdentity) throws MspException;
}
