package org.biotdm.gateway.command;

import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.biotdm.devnet.Devnet;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.gateway.testing.TestDevnet;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * An organisation admin granting operators command rights on the test dev network through the fabric-gateway client
 * directly ({@code grants:GrantDeviceAccess}), independent of the gateway's grant API.
 */
final class LedgerGrants implements AutoCloseable {
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Contract grants;

    private LedgerGrants(ManagedChannel channel, Gateway gateway) {
        this.channel = channel;
        this.gateway = gateway;
        this.grants =
                gateway.getNetwork(TestDevnet.get().config().channelId()).getContract(TestDevnet.CHAINCODE, "grants");
    }

    /** Connects organisation {@code orgIndex}'s admin to its peer. */
    static LedgerGrants connect(int orgIndex) {
        Devnet devnet = TestDevnet.get();
        SigningIdentity admin = devnet.crypto().orgs().get(orgIndex).admin();
        ManagedChannel channel = devnet.endpoints().get(orgIndex).openChannel();
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(admin.mspId(), admin.certificate()))
                .signer(Signers.newPrivateKeySigner(admin.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        return new LedgerGrants(channel, gateway);
    }

    /** Grants one operator (by Fabric ID) the command types on one device for an hour; returns the transaction ID. */
    String grant(String grantId, String granteeMsp, String granteeId, String deviceId, List<String> commandTypes)
            throws GatewayException {
        String types = commandTypes.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
        String argument = "{\"grantId\":\"" + grantId + "\",\"granteeMsp\":\"" + granteeMsp + "\",\"granteeId\":\""
                + granteeId.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"deviceId\":\"" + deviceId
                + "\",\"commandTypes\":[" + types + "],\"expiresAt\":" + (System.currentTimeMillis() + 3_600_000L)
                + "}";
        SubmittedTransaction submitted = grants.newProposal("GrantDeviceAccess")
                .addArguments(argument)
                .build()
                .endorse()
                .submitAsync();
        if (!submitted.getStatus().isSuccessful()) {
            throw new IllegalStateException("GrantDeviceAccess was invalidated: "
                    + submitted.getStatus().getCode());
        }
        return submitted.getTransactionId();
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
    }
}
