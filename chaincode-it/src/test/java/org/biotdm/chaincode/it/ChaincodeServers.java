package org.biotdm.chaincode.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.ca.OwnerOnlyFiles;
import org.biotdm.devnet.chaincode.CcaasPackage;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Ecdsa;

/**
 * The BIoT-DM chaincode run as chaincode-as-a-service, one server per organisation as {@code chaincode-java/Dockerfile}
 * runs it: {@code chaincode.jar} with {@code CHAINCODE_SERVER_ADDRESS} and {@code CORE_CHAINCODE_ID_NAME} (the
 * package ID of {@code target/ccaas/biotdm.tar.gz}), a TLS certificate for {@code biotdm.<peer name>} from the
 * organisation's TLS CA, and that CA as the only issuer of client certificates it accepts. Closing it stops them.
 */
final class ChaincodeServers implements AutoCloseable {

    /** The port of the address in the package's {@code connection.json}. */
    static final int PACKAGE_PORT = 9999;

    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, Path> tlsDirectories = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    private ChaincodeServers() {}

    /** Returns the chaincode-as-a-service package the chaincode-java build wrote. */
    static Path ccaasPackage() {
        return BiotdmNetwork.built("biotdm.chaincode.ccaas", "../chaincode-java/target/ccaas/biotdm.tar.gz");
    }

    /**
     * Creates (or loads) the dev network's crypto material in the data directory and starts one chaincode server per
     * organisation on a free loopback port.
     *
     * @param dataDir the data directory the network will use
     * @param orgCount the number of organisations
     * @return the running servers
     */
    static ChaincodeServers start(Path dataDir, int orgCount) throws IOException {
        CryptoMaterial crypto = CryptoMaterial.generateOrLoad(dataDir.resolve("organizations"), orgCount);
        String packageId = CcaasPackage.read(ccaasPackage()).packageId();
        ChaincodeServers servers = new ChaincodeServers();
        try {
            for (OrgCrypto org : crypto.orgs()) {
                servers.start(org, packageId, dataDir);
            }
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    /**
     * Returns where each server named in a rendered {@code connection.json} listens.
     *
     * @return {@code biotdm.<peer name>:9999} to {@code 127.0.0.1:<port>}
     */
    Map<String, String> addresses() {
        return Map.copyOf(addresses);
    }

    /** Returns the loopback address of organisation {@code orgIndex}'s chaincode server. */
    String loopbackAddress(int orgIndex) {
        return new ArrayList<>(addresses.values()).get(orgIndex);
    }

    /** Returns the directory of organisation {@code orgIndex}'s server TLS files. */
    Path tlsDirectory(int orgIndex) {
        return new ArrayList<>(tlsDirectories.values()).get(orgIndex);
    }

    private void start(OrgCrypto org, String packageId, Path dataDir) throws IOException {
        String host = "biotdm." + org.peerName();
        Path tls = dataDir.resolve("ccaas").resolve(host);
        KeyPair keys = Ecdsa.generateP256();
        OwnerOnlyFiles.write(tls.resolve("server.key"), utf8(Certificates.toPem(keys.getPrivate())));
        OwnerOnlyFiles.write(
                tls.resolve("server.crt"), utf8(Certificates.toPem(org.tlsCa().issueTls(host, keys.getPublic()))));
        OwnerOnlyFiles.write(tls.resolve("client-ca.crt"), utf8(Certificates.toPem(org.tlsCaCertificate())));
        // The shim builds (and never uses) a client channel on every connection, from base64 files of the PEMs.
        OwnerOnlyFiles.write(tls.resolve("server.key.b64"), base64(tls.resolve("server.key")));
        OwnerOnlyFiles.write(tls.resolve("server.crt.b64"), base64(tls.resolve("server.crt")));
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        BiotdmNetwork.chaincodeJar().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("ccaas").resolve(host + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        env.put("CORE_CHAINCODE_ID_NAME", packageId);
        env.put("CORE_PEER_LOCALMSPID", org.mspId());
        env.put("CORE_PEER_TLS_ENABLED", "true");
        env.put("CORE_TLS_CLIENT_KEY_FILE", tls.resolve("server.key").toString());
        env.put("CORE_TLS_CLIENT_CERT_FILE", tls.resolve("server.crt").toString());
        env.put("CORE_PEER_TLS_ROOTCERT_FILE", tls.resolve("client-ca.crt").toString());
        env.put("CORE_TLS_CLIENT_KEY_PATH", tls.resolve("server.key.b64").toString());
        env.put("CORE_TLS_CLIENT_CERT_PATH", tls.resolve("server.crt.b64").toString());
        env.put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
        processes.add(builder.start());
        addresses.put(host + ":" + PACKAGE_PORT, "127.0.0.1:" + port);
        tlsDirectories.put(host, tls);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] base64(Path file) throws IOException {
        return Base64.getEncoder().encode(Files.readAllBytes(file));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
