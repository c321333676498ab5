package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.biotdm.devnet.Devnet.PeerEndpoint;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.msp.SigningIdentity;

/**
 * Writes Hyperledger Caliper's network configuration (version 2.0, Caliper's "Fabric" connector documentation) and the
 * common connection profile it names, for one organisation's peer of a running dev network: the channel and the
 * {@code biotdm} chaincode, and the identities the workloads of {@code network/caliper/workloads} invoke as, their
 * certificates and PKCS#8 keys inline. Caliper's peer-gateway connector speaks to that peer's Gateway service over
 * server-authenticated TLS; the peer finds the other endorsers itself.
 *
 * <p>The files are JSON, which Caliper's YAML parser reads; they hold private keys and are written owner-only.
 */
final class CaliperNetwork {
    private CaliperNetwork() {}

    /**
     * Writes {@code caliper-network.yaml} and {@code caliper-profile.yaml} into a directory.
     *
     * @param dir an existing, owner-only directory
     * @param peer the organisation's peer
     * @param identities the identities by the names the workloads use ({@code admin}, {@code gateway}, {@code
     *     operator}), all of the peer's organisation
     * @return the network configuration, for {@code --caliper-networkconfig}
     * @throws IOException when a file cannot be written
     */
    static Path write(Path dir, PeerEndpoint peer, Map<String, SigningIdentity> identities) throws IOException {
        Path profile = dir.resolve("caliper-profile.yaml");
        writeOwnerOnly(profile, Json.write(profile(peer)));
        List<Map<String, Object>> certificates = new ArrayList<>();
        identities.forEach((name, identity) -> certificates.add(Json.fields(
                "name", name,
                "clientSignedCert", Map.of("pem", Certificates.toPem(identity.certificate())),
                "clientPrivateKey", Map.of("pem", Certificates.toPem(identity.privateKey())))));
        Map<String, Object> organization = Json.fields(
                "mspid", peer.mspId(),
                "identities", Map.of("certificates", certificates),
                "connectionProfile", Map.of("path", profile.toString(), "discover", true));
        Map<String, Object> network = Json.fields(
                "name", "biotdm-devnet",
                "version", "2.0.0",
                "caliper", Map.of("blockchain", "fabric"),
                "channels",
                        List.of(Map.of(
                                "channelName",
                                BiotdmNetwork.CHANNEL,
                                "contracts",
                                List.of(Map.of("id", BiotdmNetwork.CHAINCODE)))),
                "organizations", List.of(organization));
        Path config = dir.resolve("caliper-network.yaml");
        writeOwnerOnly(config, Json.write(network));
        return config;
    }

    private static Map<String, Object> profile(PeerEndpoint peer) throws IOException {
        String orgName = peer.mspId().replace("MSP", "");
        Map<String, Object> peerEntry = Json.fields(
                "url", (peer.tls() ? "grpcs://" : "grpc://") + peer.address(),
                "tlsCACerts", Map.of("pem", Files.readString(peer.tlsRootCertificate(), UTF_8)),
                "grpcOptions", Map.of("ssl-target-name-override", peer.hostName()));
        Map<String, Object> peers = new LinkedHashMap<>();
        peers.put(peer.hostName(), peerEntry);
        return Json.fields(
                "name",
                "biotdm-devnet-" + orgName.toLowerCase(Locale.ROOT),
                "version",
                "1.0.0",
                "client",
                Map.of("organization", orgName),
                "organizations",
                Map.of(orgName, Map.of("mspid", peer.mspId(), "peers", List.of(peer.hostName()))),
                "peers",
                peers);
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, UTF_8);
    }
}
