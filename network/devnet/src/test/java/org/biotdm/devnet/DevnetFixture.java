package org.biotdm.devnet;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A dev network for integration tests: three organisations on free ports with TLS, the test chaincode as {@code
 * testcc}, and fabric-gateway clients for any of its identities. Closing it stops the network and the clients.
 */
final class DevnetFixture implements AutoCloseable {
    static final String CHANNEL = DevnetConfig.DEFAULT_CHANNEL;
    static final String CHAINCODE = "testcc";

    private final Devnet devnet;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();

    private DevnetFixture(Devnet devnet) {
        this.devnet = devnet;
    }

    static DevnetFixture start(Path dataDir) {
        return start(dataDir, 3, "", Duration.ofMillis(50));
    }

    static DevnetFixture start(Path dataDir, int orgs, String policy, Duration batchTimeout) {
        try {
            DevnetConfig config = new DevnetConfig(
                    dataDir,
                    orgs,
                    CHANNEL,
                    List.of(new DevnetConfig.ChaincodeSpec(CHAINCODE, testChaincodeJar(), "1.0", policy)),
                    "127.0.0.1",
                    0,
                    true,
                    100,
                    batchTimeout);
            return new DevnetFixture(Devnet.start(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path testChaincodeJar() {
        String path = System.getProperty("biotdm.testcc.jar", "../devnet-testcc/target/testcc.jar");
        Path jar = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("test chaincode jar not built: " + jar);
        }
        return jar;
    }

    Devnet devnet() {
        return devnet;
    }

    OrgCrypto org(int index) {
        return devnet.crypto().orgs().get(index);
    }

    /** Connects a gateway client to organisation {@code orgIndex}'s peer as that organisation's gateway identity. */
    Gateway gateway(int orgIndex) {
        return gateway(orgIndex, org(orgIndex).gatewayClient());
    }

    Gateway gateway(int orgIndex, SigningIdentity identity) {
        return gateway(
                orgIndex,
                new X509Identity(identity.mspId(), identity.certificate()),
                Signers.newPrivateKeySigner(identity.privateKey()));
    }

    Gateway gateway(int orgIndex, Identity identity, Signer signer) {
        Gateway gateway = Gateway.newInstance()
                .identity(identity)
                .signer(signer)
                .hash(Hash.SHA256)
                .connection(channel(orgIndex))
                .evaluateOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        gateways.add(gateway);
        return gateway;
    }

    ManagedChannel channel(int orgIndex) {
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
