package org.biotdm.devnet.gateway;

import com.google.protobuf.ByteString;
import org.biotdm.devnet.msp.MspException;
import org.biotdm.devnet.msp.MspIdentity;
import org.biotdm.devnet.peer.ChannelConfig;

/**
 * Checks signed gateway requests (CommitStatus, ChaincodeEvents) and Deliver envelopes against the channel's Readers,
 * as Fabric's ACL checks {@code Gateway_CommitStatus}, {@code Gateway_ChaincodeEvents} and {@code Event_Block} do.
 */
final class SignedRequests {
    private SignedRequests() {}

    /**
     * Returns null when the identity is a valid channel member whose signature over the request verifies, otherwise
     * Fabric's access-denied text.
     */
    static String checkReader(ChannelConfig channel, ByteString identity, ByteString request, ByteString signature) {
        MspIdentity reader;
        try {
            reader = channel.msp().deserialize(identity);
        } catch (MspException e) {
            return "failed deserializing signed data identity: " + e.getMessage();
        }
        if (!channel.applicationMsps().contains(reader.mspId())) {
            return "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of"
                    + " the 'Readers' sub-policies to be satisfied";
        }
        if (!reader.verify(request.toByteArray(), signature.toByteArray())) {
            return "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of"
                    + " the 'Readers' sub-policies to be satisfied";
        }
        return null;
    }
}
