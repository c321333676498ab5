package org.biotdm.devnet.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.ledger.Blocks;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * Builds a channel's genesis block: block 0 holding one CONFIG transaction whose {@code common.Config} lists the
 * application organisations and the orderer organisation with their MSP definitions (root and TLS root certificates,
 * NodeOUs), in the group layout of Fabric's {@code configtxgen} ({@code Application/<MSP>/MSP}, {@code
 * Orderer/<MSP>/MSP}). Policies and capabilities are not encoded; the dev network applies its own.
 */
public final class GenesisBlock {
    private static final String MSP_KEY = "MSP";

    private GenesisBlock() {}

    /**
     * A member organisation as the channel configuration records it.
     *
     * @param mspId the MSP ID
     * @param rootCertificate the organisation's CA certificate
     * @param tlsRootCertificate the organisation's TLS CA certificate
     */
    public record Member(String mspId, X509Certificate rootCertificate, X509Certificate tlsRootCertificate) {}

    /**
     * Creates the genesis block.
     *
     * @param channelId the channel name
     * @param applicationOrgs the application organisations
     * @param ordererOrg the ordering organisation
     * @param signer the orderer identity that signs the configuration envelope
     * @return block 0 with empty previous hash
     */
    public static Block create(
            String channelId, List<Member> applicationOrgs, Member ordererOrg, SigningIdentity signer) {
        ConfigGroup.Builder application = ConfigGroup.newBuilder();
        for (Member org : applicationOrgs) {
            application.putGroups(org.mspId(), orgGroup(org));
        }
        ConfigGroup.Builder orderer = ConfigGroup.newBuilder().putGroups(ordererOrg.mspId(), orgGroup(ordererOrg));
        ConfigGroup channelGroup = ConfigGroup.newBuilder()
                .putGroups("Application", application.build())
                .putGroups("Orderer", orderer.build())
                .build();
        ConfigEnvelope config = ConfigEnvelope.newBuilder()
                .setConfig(Config.newBuilder().setSequence(0).setChannelGroup(channelGroup))
                .build();
        Instant now = Instant.now();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setChannelId(channelId)
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(signer.serialize())
                .setNonce(ByteString.copyFrom(Nonces.next()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(config.toByteString())
                .build();
        Envelope envelope = Envelope.newBuilder()
                .setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray())))
                .build();
        return Blocks.newBlock(0, ByteString.EMPTY, List.of(envelope));
    }

    private static ConfigGroup orgGroup(Member org) {
        FabricMSPConfig.Builder msp = FabricMSPConfig.newBuilder()
                .setName(org.mspId())
                .addRootCerts(pem(org.rootCertificate()))
                .addTlsRootCerts(pem(org.tlsRootCertificate()))
                .setFabricNodeOus(FabricNodeOUs.newBuilder()
                        .setEnable(true)
                        .setClientOuIdentifier(ou("client", org))
                        .setPeerOuIdentifier(ou("peer", org))
                        .setAdminOuIdentifier(ou("admin", org))
                        .setOrdererOuIdentifier(ou("orderer", org)));
        MSPConfig mspConfig = MSPConfig.newBuilder()
                .setType(0)
                .setConfig(msp.build().toByteString())
                .build();
        return ConfigGroup.newBuilder()
                .putValues(
                        MSP_KEY,
                        ConfigValue.newBuilder()
                                .setValue(mspConfig.toByteString())
                                .build())
                .build();
    }

    private static FabricOUIdentifier ou(String name, Member org) {
        return FabricOUIdentifier.newBuilder()
                .setOrganizationalUnitIdentifier(name)
                .setCertificate(pem(org.rootCertificate()))
                .build();
    }

    private static ByteString pem(X509Certificate certificate) {
        return ByteString.copyFromUtf8(Certificates.toPem(certificate));
    }
}
