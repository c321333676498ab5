package org.biotdm.gateway.verify;

import io.grpc.ManagedChannel;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.Devnet;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.gateway.testing.TestDevnet;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Reads anchors and their audit trail straight from another organisation's peer with that organisation's own
 * identity, through fabric-gateway: what an auditor holding the ledger does, trusting nothing the gateway says.
 */
final class LedgerReader implements AutoCloseable {
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Contract anchors;
    private final Contract audit;
    private final JsonMapper json = JsonMapper.createDefault();

    private LedgerReader(ManagedChannel channel, Gateway gateway) {
        this.channel = channel;
        this.gateway = gateway;
        String channelId = TestDevnet.get().config().channelId();
        this.anchors = gateway.getNetwork(channelId).getContract(TestDevnet.CHAINCODE, "anchors");
        this.audit = gateway.getNetwork(channelId).getContract(TestDevnet.CHAINCODE, "audit");
    }

    /** Connects organisation {@code orgIndex}'s admin to that organisation's own peer. */
    static LedgerReader connect(int orgIndex) throws IOException {
        Devnet devnet = TestDevnet.get();
        SigningIdentity reader = devnet.crypto().orgs().get(orgIndex).admin();
        ManagedChannel channel = devnet.endpoints().get(orgIndex).openChannel();
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(reader.mspId(), reader.certificate()))
                .signer(Signers.newPrivateKeySigner(reader.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .connect();
        return new LedgerReader(channel, gateway);
    }

    /** Returns {@code GetAnchor(windowId)} as JSON. */
    JsonNode anchor(String windowId) throws GatewayException, IOException {
        return json.readValue(anchors.evaluateTransaction("GetAnchor", windowId), JsonNode.class);
    }

    /** Returns how many times the anchor's key was written ({@code AuditTrail("anchor", windowId)} entries). */
    int writes(String windowId) throws GatewayException, IOException {
        return json.readValue(audit.evaluateTransaction("AuditTrail", "anchor", windowId), JsonNode.class)
                .size();
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
    }
}
