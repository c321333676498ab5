package org.biotdm.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.biotdm.cli.stack.RunningStackOptions;
import org.biotdm.cli.stack.StackException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the auditor's peer is and who the auditor is on it: a picocli mixin shared by the {@code audit} commands.
 * The peer's settings come from a connection file in the form {@code network/devnet} writes ({@code
 * <devnet-data-dir>/connection.json}: {@code channel}, {@code enrollmentUrl} and per organisation {@code mspId},
 * {@code peerAddress}, {@code peerHostName}, {@code tlsRootCert}), each overridable for a real peer. The identity is
 * an MSP directory ({@code signcerts/} and {@code keystore/}, one PEM file each) or, without one, the auditor
 * identity {@link AuditorEnrolment} keeps in the stack's data directory.
 */
final class PeerOptions {
    @Mixin
    RunningStackOptions stack = new RunningStackOptions();

    @Option(
            names = "--connection",
            paramLabel = "FILE",
            description = "connection.json of the network (default: DIR/devnet/connection.json).")
    Path connection;

    @Option(
            names = "--msp-id",
            paramLabel = "MSP",
            description = "The auditor's organisation (default: the first in the connection file, Org1MSP).")
    String mspId;

    @Option(
            names = "--msp-dir",
            paramLabel = "DIR",
            description = "The auditor's MSP directory with signcerts/ and keystore/ (default: the identity enrolled "
                    + "for auditing in DIR/audit/<MSP>/msp, enrolled on first use with the dev network's CA).")
    Path mspDir;

    @Option(
            names = "--peer",
            paramLabel = "HOST:PORT",
            description = "The peer's gRPC endpoint (default: the organisation's peer in the connection file).")
    String peer;

    @Option(
            names = "--peer-host-name",
            paramLabel = "NAME",
            description = "The TLS host name of the peer (default: from the connection file).")
    String peerHostName;

    @Option(
            names = "--tls-ca",
            paramLabel = "PEM",
            description = "The peer's TLS root certificate (default: from the connection file).")
    Path tlsCa;

    @Option(names = "--channel", paramLabel = "NAME", description = "The channel (default: from the connection file).")
    String channel;

    /**
     * Resolves the settings and the identity, enrolling the auditor identity on first use when none is given.
     *
     * @return the settings
     * @throws StackException when the connection file, the organisation or the identity cannot be found or read
     */
    public PeerSettings settings() {
        JsonNode file = connectionFile();
        JsonNode org = organisation(file);
        String msp = org.path("mspId").asText(mspId);
        Path identity = mspDir != null ? mspDir : AuditorEnrolment.ensure(stack.dataDir(), file, msp);
        return new PeerSettings(
                peer != null ? peer : required(org, "peerAddress"),
                peerHostName != null ? peerHostName : org.path("peerHostName").asText(null),
                tlsCa != null ? tlsCa : Path.of(required(org, "tlsRootCert")),
                channel != null ? channel : required(file, "channel"),
                msp,
                identity);
    }

    private JsonNode connectionFile() {
        Path file = connection != null ? connection : stack.dataDir().devnet().resolve("connection.json");
        if (!Files.isRegularFile(file)) {
            if (peer != null && tlsCa != null && channel != null && mspId != null && mspDir != null) {
                return new ObjectMapper().createObjectNode();
            }
            throw new StackException("No connection file " + file + ": start the stack (scripts/biotdm up), give "
                    + "--connection, or give --peer, --tls-ca, --channel, --msp-id and --msp-dir");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new StackException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private JsonNode organisation(JsonNode file) {
        for (JsonNode org : file.path("organizations")) {
            if (mspId == null || mspId.equals(org.path("mspId").asText())) {
                return org;
            }
        }
        if (file.path("organizations").isMissingNode()) {
            return new ObjectMapper().createObjectNode();
        }
        throw new StackException("The connection file lists no organisation " + mspId);
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new StackException("The connection file has no " + field + ": give it as an option");
        }
        return value;
    }

    /**
     * The resolved peer settings and identity.
     *
     * @param peerAddress the peer's {@code host:port}
     * @param peerHostName the TLS host name to expect, or null for the address's host
     * @param tlsRootCert the peer's TLS CA certificate, PEM
     * @param channel the channel
     * @param mspId the auditor's MSP ID
     * @param mspDir the auditor's MSP directory
     */
    public record PeerSettings(
            String peerAddress, String peerHostName, Path tlsRootCert, String channel, String mspId, Path mspDir) {}
}
