package org.biotdm.chaincode.server;

import java.net.URISyntaxException;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Starts the chaincode as the Java shim's {@link ContractRouter} does, and, as a chaincode server over TLS, also
 * requires a client certificate from the peers that connect.
 *
 * <p>Without {@code CHAINCODE_SERVER_ADDRESS} the chaincode connects to its peer ({@code -a host:port -i
 * packageId}), as Fabric's Java builder runs it. With it, the chaincode listens there as chaincode-as-a-service,
 * registering as {@code CORE_CHAINCODE_ID_NAME} (the package ID). With {@code CORE_PEER_TLS_ENABLED=true} the shim
 * serves TLS with the PEM key in {@code CORE_TLS_CLIENT_KEY_FILE} and the PEM certificate chain in {@code
 * CORE_TLS_CLIENT_CERT_FILE} (the shim's names, although they are the server's), but never asks the peer for a
 * certificate; this entry point makes the server refuse every connection whose client certificate was not issued by
 * a CA in {@code CORE_PEER_TLS_ROOTCERT_FILE} (the peers' TLS CA, the file's meaning in client mode too), so only the
 * consortium's peers (the {@code client_cert} of {@code connection.json}) can drive the chaincode. The shim 2.5
 * also needs {@code CORE_TLS_CLIENT_CERT_PATH} and {@code CORE_TLS_CLIENT_KEY_PATH}, the base64 of the two PEM files:
 * it refuses to start without them and, on every connection a peer opens, builds from them a client channel it never
 * uses (with unreadable files it drops the connection without a word).
 */
public final class ChaincodeMain {

    /** The environment variable that makes the chaincode a server, {@code host:port} to listen on. */
    public static final String SERVER_ADDRESS_ENV = "CHAINCODE_SERVER_ADDRESS";

    /** The environment variable naming the PEM file of the CAs whose client certificates the server accepts. */
    public static final String CLIENT_CA_ENV = "CORE_PEER_TLS_ROOTCERT_FILE";

    private ChaincodeMain() {}

    /**
     * Runs the chaincode until its connection (client) or its server ends.
     *
     * @param args the shim's command line ({@code -a}, {@code -i}) in client mode; ignored by the server
     * @throws Exception whatever the shim throws when it cannot start, for example an unreadable TLS file or a
     *     missing setting ({@code IllegalArgumentException} naming the variable)
     */
    public static void main(String[] args) throws Exception {
        if (System.getenv(SERVER_ADDRESS_ENV) == null) {
            ContractRouter.main(args);
            return;
        }
        ContractRouter router = new ContractRouter(args);
        router.startRouterWithChaincodeServer(
                new NettyChaincodeServer(router, serverProperties(router, System.getenv(CLIENT_CA_ENV))));
    }

    /**
     * Returns the shim's server settings, with client certificates of the given CAs required when TLS is on.
     *
     * @param chaincode the chaincode whose environment settings are read
     * @param clientCaFile the PEM file of the accepted client certificates' CAs
     * @return the settings
     * @throws URISyntaxException when {@code CHAINCODE_SERVER_ADDRESS} is not {@code host:port}
     */
    static ChaincodeServerProperties serverProperties(ChaincodeBase chaincode, String clientCaFile)
            throws URISyntaxException {
        ChaincodeServerProperties properties = chaincode.getChaincodeServerConfig();
        if (properties.isTlsEnabled()) {
            properties.setTrustCertCollectionFile(clientCaFile);
        }
        return properties;
    }
}
