package org.biotdm.chaincode.it;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.Devnet;
import org.biotdm.devnet.DevnetConfig;
import org.biotdm.devnet.ca.CertificateAuthority;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.crypto.Ecdsa;
import org.biotdm.devnet.ledger.TxLocation;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.devnet.peer.Peer;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A three-organisation dev network on free TLS ports running the BIoT-DM chaincode as {@code biotdm} under the
 * channel's default MAJORITY endorsement policy, and fabric-gateway clients for any identity of its organisations.
 * Closing it closes the clients and stops the network.
 */
final class BiotdmNetwork implements AutoCloseable {
    static final String CHANNEL = DevnetConfig.DEFAULT_CHANNEL;
    static final String CHAINCODE = "biotdm";
    static final String ORG1 = "Org1MSP";
    static final String ORG2 = "Org2MSP";
    static final String ORG3 = "Org3MSP";

    /** The Fabric CA attribute the chaincode reads the caller's role from. */
    static final String ROLE_ATTRIBUTE = "biotdm.role";

    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private final Devnet devnet;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();

    private BiotdmNetwork(Devnet devnet) {
        this.devnet = devnet;
    }

    /**
     * Starts the network with blocks cut after 50 ms.
     *
     * @param dataDir an empty directory for crypto material, block stores and logs
     * @return the running network
     */
    static BiotdmNetwork start(Path dataDir) {
        return start(dataDir, Duration.ofMillis(50));
    }

    /**
     * Starts the network.
     *
     * @param dataDir an empty directory for crypto material, block stores and logs
     * @param batchTimeout how long the orderer waits for more transactions before it cuts a block
     * @return the running network
     */
    static BiotdmNetwork start(Path dataDir, Duration batchTimeout) {
        return start(dataDir, chaincodeJar(), batchTimeout, Map.of());
    }

    /**
     * Starts the network with the chaincode-as-a-service package, whose chaincode servers the peers dial.
     *
     * @param dataDir the data directory in which the servers' organisations' crypto material already lies
     * @param servers the chaincode servers, see {@link Devnet#start(DevnetConfig, Map)}
     * @return the running network
     */
    static BiotdmNetwork startDialing(Path dataDir, ChaincodeServers servers) {
        return start(dataDir, ChaincodeServers.ccaasPackage(), Duration.ofMillis(50), servers.addresses());
    }

    private static BiotdmNetwork start(
            Path dataDir, Path chaincode, Duration batchTimeout, Map<String, String> chaincodeServers) {
        DevnetConfig config = new DevnetConfig(
                dataDir,
                3,
                CHANNEL,
                List.of(new DevnetConfig.ChaincodeSpec(CHAINCODE, chaincode, "1.0", "")),
                "127.0.0.1",
                0,
                true,
                100,
                batchTimeout);
        try {
            return new BiotdmNetwork(Devnet.start(config, chaincodeServers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path chaincodeJar() {
        return built("biotdm.chaincode.jar", "../chaincode-java/target/chaincode.jar");
    }

    /** Returns a file the chaincode-java build wrote, named by a system property or at its default path. */
    static Path built(String property, String defaultPath) {
        Path file = Path.of(System.getProperty(property, defaultPath)).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("chaincode not built: " + file);
        }
        return file;
    }

    Devnet devnet() {
        return devnet;
    }

    OrgCrypto org(int index) {
        return devnet.crypto().orgs().get(index);
    }

    /** Connects organisation {@code orgIndex}'s admin ({@code biotdm.role=admin}) to its own peer. */
    BiotdmClient admin(int orgIndex) {
        return client(orgIndex, org(orgIndex).admin());
    }

    /** Connects organisation {@code orgIndex}'s gateway identity ({@code biotdm.role=gateway}) to its own peer. */
    BiotdmClient gateway(int orgIndex) {
        return client(orgIndex, org(orgIndex).gatewayClient());
    }

    /** Connects an identity to organisation {@code orgIndex}'s peer. */
    BiotdmClient client(int orgIndex, SigningIdentity identity) {
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                .signer(Signers.newPrivateKeySigner(identity.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel(orgIndex))
                .evaluateOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        gateways.add(gateway);
        return new BiotdmClient(gateway.getNetwork(CHANNEL), identity);
    }

    /**
     * Issues a client identity of organisation {@code orgIndex} from its CA, as Fabric CA's enroll would: OU
     * {@code client}, the {@code hf.*} attributes and {@code biotdm.role}.
     *
     * @param orgIndex the organisation, 0 for Org1
     * @param name the enrollment id, used as common name
     * @param role the BIoT-DM role: admin, operator, auditor or gateway
     * @return the new identity
     */
    SigningIdentity issue(int orgIndex, String name, String role) {
        OrgCrypto org = org(orgIndex);
        KeyPair keyPair = Ecdsa.generateP256();
        X509Certificate certificate = org.ca()
                .issue(
                        name,
                        "client",
                        keyPair.getPublic(),
                        CertificateAuthority.fabricCaAttributes(name, "client", Map.of(ROLE_ATTRIBUTE, role)));
        return new SigningIdentity(org.mspId(), certificate, keyPair.getPrivate());
    }

    /**
     * Waits until every peer has committed a transaction, so a read on any of them sees it.
     *
     * @param txId the transaction id
     * @return the transaction's location on the last peer
     */
    TxLocation awaitOnEveryPeer(String txId) throws InterruptedException {
        TxLocation location = null;
        for (Peer peer : devnet.peers()) {
            location = peer.awaitTransaction(txId, COMMIT_WAIT)
                    .orElseThrow(() -> new IllegalStateException(txId + " did not commit on " + peer.name()));
        }
        return location;
    }

    private ManagedChannel channel(int orgIndex) {
        ManagedChannel channel = devnet.endpoints().get(orgIndex).openChannel();
        channels.add(channel);
        return channel;
    }

    @Override
    public void close() {
        for (Gateway gateway : gateways) {
            gateway.close();
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        devnet.close();
    }
}
