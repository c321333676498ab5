package org.biotdm.devnet.peer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.devnet.msp.IdentityDeserializer;
import org.biotdm.devnet.policy.ChannelPolicies;

/**
 * What every peer of the channel agrees on: the channel name, its members' MSPs, the channel policies and the
 * committed chaincode definitions.
 *
 * @param channelId the channel name, for example {@code mychannel}
 * @param msp the channel MSP that deserialises and validates member identities
 * @param applicationMsps the MSP IDs of the application organisations, in order
 * @param ordererMsp the MSP ID of the ordering organisation
 * @param policies the channel's policies (endorsement defaults and key-level policy parsing)
 * @param chaincodes the committed chaincode definitions by name
 */
public record ChannelConfig(
        String channelId,
        IdentityDeserializer msp,
        List<String> applicationMsps,
        String ordererMsp,
        ChannelPolicies policies,
        Map<String, ChaincodeDefinition> chaincodes) {

    /**
     * Looks up a committed chaincode definition.
     *
     * @param name the chaincode name
     * @return the definition, or empty when no chaincode of that name is defined on the channel
     */
    public Optional<ChaincodeDefinition> chaincode(String name) {
        return Optional.ofNullable(chaincodes.get(name));
    }
}
