package org.biotdm.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.chaincode.CcaasConnection;
import org.biotdm.devnet.chaincode.CcaasPackage;
import org.biotdm.devnet.chaincode.ChaincodeDialer;
import org.biotdm.devnet.chaincode.ChaincodeLauncher;
import org.biotdm.devnet.chaincode.ChaincodeTls;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.peer.Peer;

/**
 * Starts the chaincodes of one network on one peer each: a runnable jar is launched in its own JVM ({@link
 * ChaincodeLauncher}), a chaincode-as-a-service package ({@link CcaasPackage}) is dialed where its {@code
 * connection.json} says ({@link ChaincodeDialer}). Closing stops both.
 */
final class ChaincodeProcesses implements AutoCloseable {

    private final Map<String, String> serverAddresses;
    private final List<AutoCloseable> started = new ArrayList<>();

    /**
     * @param serverAddresses where the chaincode servers named in {@code connection.json} ({@code host:port}) are
     *     actually reached, standing in for a container network's names; an address not listed is dialed as is
     */
    ChaincodeProcesses(Map<String, String> serverAddresses) {
        this.serverAddresses = Map.copyOf(serverAddresses);
    }

    /**
     * Computes a chaincode's package ID: {@code label:sha256} of the package file, with the package's label for a
     * chaincode-as-a-service package and the chaincode name for a jar.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when a package file is not a chaincode-as-a-service package
     */
    static String packageId(DevnetConfig.ChaincodeSpec spec) {
        if (!CcaasPackage.isPackageFile(spec.jar())) {
            return ChaincodeLauncher.packageId(spec.name(), spec.jar());
        }
        try {
            return CcaasPackage.read(spec.jar()).packageId();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chaincode package " + spec.jar(), e);
        }
    }

    /**
     * The {@code CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG} of an organisation's peer: {@code peername}, and for TLS
     * {@code ccaas_root_cert} (the organisation's TLS CA, which must issue the chaincode servers' certificates) and
     * {@code ccaas_client_key} / {@code ccaas_client_cert} (the peer's TLS key and certificate, its client identity).
     *
     * @param org the organisation
     * @return the configuration, PEM values
     */
    static Map<String, String> builderConfig(OrgCrypto org) {
        return Map.of(
                "peername", org.peerName(),
                "ccaas_root_cert", Certificates.toPem(org.tlsCaCertificate()),
                "ccaas_client_key", Certificates.toPem(org.peerTlsKey()),
                "ccaas_client_cert", Certificates.toPem(org.peerTlsCertificate()));
    }

    /** Starts one chaincode for one peer. */
    void start(
            DevnetConfig.ChaincodeSpec spec,
            String packageId,
            Peer peer,
            OrgCrypto org,
            String chaincodeAddress,
            ChaincodeTls tls,
            Path dataDir)
            throws IOException {
        if (CcaasPackage.isPackageFile(spec.jar())) {
            CcaasConnection connection =
                    CcaasConnection.render(CcaasPackage.read(spec.jar()).connection(), builderConfig(org));
            ChaincodeDialer dialer = new ChaincodeDialer(
                    peer.chaincodeSupport(),
                    packageId,
                    connection,
                    serverAddresses.getOrDefault(connection.address(), connection.address()));
            started.add(dialer);
            dialer.start();
            return;
        }
        ChaincodeLauncher launcher = new ChaincodeLauncher(
                spec.jar(),
                packageId,
                chaincodeAddress,
                peer.mspId(),
                dataDir.resolve("logs").resolve(spec.name() + "-" + peer.name() + ".log"));
        launcher.jvmOptions(spec.jvmOptions());
        launcher.tls(tls.issue(
                packageId, dataDir.resolve("chaincode-tls").resolve(peer.name()).resolve(spec.name())));
        started.add(launcher);
        launcher.start();
    }

    @Override
    public void close() {
        for (AutoCloseable process : started) {
            try {
                process.close();
            } catch (Exception e) { // NOPMD - AvoidCatchingGenericException: close every process whatever one throws
                // Launchers and dialers only throw unchecked exceptions, and the rest must still be closed.
            }
        }
    }
}
