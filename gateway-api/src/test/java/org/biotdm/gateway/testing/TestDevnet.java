package org.biotdm.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.biotdm.devnet.Devnet;
import org.biotdm.devnet.DevnetConfig;
import org.biotdm.devnet.ca.OrgCrypto;

/**
 * One three-organisation dev network per test JVM, running the real BIoT-DM chaincode ({@code biotdm}) from {@code
 * chaincode-java/target/chaincode.jar}, on free ports with TLS. Started on first use and stopped when the JVM exits;
 * tests must therefore use unique device and window IDs.
 */
public final class TestDevnet {
    /** The chaincode name the network defines. */
    public static final String CHAINCODE = "biotdm";

    private static Devnet devnet;
    private static Path devnetDataDir;

    private TestDevnet() {}

    /**
     * Returns the shared network, starting it on first use.
     *
     * @return the running dev network
     */
    public static synchronized Devnet get() {
        if (devnet == null) {
            devnet = startShared();
            Runtime.getRuntime().addShutdownHook(new Thread(devnet::close, "test-devnet-shutdown"));
        }
        return devnet;
    }

    private static Devnet startShared() {
        try {
            Path dataDir = Files.createTempDirectory("gateway-test-devnet");
            devnetDataDir = dataDir;
            return start(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a three-organisation dev network of its own in a directory, for a test that watches or owns its files;
     * the caller closes it.
     *
     * @param dataDir the network's data directory, created if missing
     * @return the running dev network
     * @throws IOException when it cannot write its files
     */
    public static Devnet start(Path dataDir) throws IOException {
        Path jar = Path.of(System.getProperty("biotdm.chaincode.jar", "../chaincode-java/target/chaincode.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("chaincode jar not built: " + jar);
        }
        return Devnet.start(new DevnetConfig(
                dataDir,
                3,
                DevnetConfig.DEFAULT_CHANNEL,
                List.of(new DevnetConfig.ChaincodeSpec(CHAINCODE, jar, "1.0", "")),
                "127.0.0.1",
                0,
                true,
                100,
                Duration.ofMillis(20)));
    }

    /**
     * Returns the gateway-api configuration that connects to organisation {@code orgIndex}'s peer with that
     * organisation's gateway identity ({@code biotdm.role=gateway}), as properties for {@code @MicronautTest} or an
     * {@code ApplicationContext}.
     *
     * @param orgIndex 0 for Org1MSP, 1 for Org2MSP, 2 for Org3MSP
     * @return the ledger properties, and the users' enrolment endpoint, the three organisations as served ones and
     *     their registrar secret files
     */
    public static Map<String, Object> ledgerProperties(int orgIndex) {
        Devnet network = get();
        return ledgerProperties(network, devnetDataDir, orgIndex);
    }

    /**
     * Returns the gateway-api configuration that connects to organisation {@code orgIndex} of a given network.
     *
     * @param network the running network
     * @param dataDir the network's data directory
     * @param orgIndex 0 for Org1MSP, 1 for Org2MSP, 2 for Org3MSP
     * @return the ledger properties, and the users' enrolment endpoint and registrar secrets
     */
    public static Map<String, Object> ledgerProperties(Devnet network, Path dataDir, int orgIndex) {
        OrgCrypto org = network.crypto().orgs().get(orgIndex);
        Devnet.PeerEndpoint endpoint = network.endpoints().get(orgIndex);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("biotdm.ledger.peer-endpoint", endpoint.address());
        properties.put("biotdm.ledger.peer-host-name", endpoint.hostName());
        properties.put(
                "biotdm.ledger.tls-root-cert", endpoint.tlsRootCertificate().toString());
        properties.put("biotdm.ledger.msp-id", org.mspId());
        properties.put(
                "biotdm.ledger.identity-msp-dir",
                org.userMspDir("gateway@" + org.domain()).toString());
        properties.put("biotdm.ledger.channel", DevnetConfig.DEFAULT_CHANNEL);
        properties.put("biotdm.ledger.chaincode", CHAINCODE);
        // People's Fabric identities are enrolled with the devnet's CAs through its enrolment endpoint.
        properties.put("biotdm.users.enrollment-url", network.enrollmentUrl());
        // Tests sign people of every organisation in through one gateway, so it serves all three, each with its own
        // registrar secret file; ServedOrganisationsIT starts a gateway that serves its ledger organisation only.
        List<String> msps =
                network.crypto().orgs().stream().map(OrgCrypto::mspId).toList();
        properties.put("biotdm.users.organisations", String.join(",", msps));
        properties.put(
                "biotdm.users.registrar-secret-files",
                msps.stream()
                        .map(msp -> network.registrarSecretFile(msp).toString())
                        .collect(Collectors.joining(",")));
        return properties;
    }
}
