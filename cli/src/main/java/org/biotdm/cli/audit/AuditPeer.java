package org.biotdm.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.biotdm.cli.stack.StackException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;

/**
 * The auditor's connection to their peer through the Fabric Gateway API (fabric-gateway's Java client over TLS),
 * signed with the auditor's own identity. Every call is an evaluation on that one peer: the chaincode {@value
 * #CHAINCODE}'s {@code anchors:ListAnchors} and {@code anchors:GetAnchor}, and the query system chaincode {@code
 * qscc}'s {@code GetTransactionByID}, {@code GetBlockByTxID} and {@code GetBlockByNumber} (the Fabric docs, "qscc").
 */
final class AuditPeer implements AutoCloseable {
    /** The BIoT-DM chaincode's name on the channel. */
    public static final String CHAINCODE = "biotdm";

    private static final int PAGE_SIZE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** gRPC's java.util.logging output (an INFO line on its transport at start) is not for auditors. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    static {
        GRPC_LOG.setLevel(Level.WARNING);
    }

    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Network network;

    private AuditPeer(ManagedChannel channel, Gateway gateway, Network network) {
        this.channel = channel;
        this.gateway = gateway;
        this.network = network;
    }

    /**
     * Connects to the peer.
     *
     * @param settings the peer and the identity
     * @return the connection; close it after use
     * @throws StackException when the identity or the TLS certificate cannot be read
     */
    public static AuditPeer connect(PeerOptions.PeerSettings settings) {
        ManagedChannel channel;
        try {
            NettyChannelBuilder builder = NettyChannelBuilder.forTarget(settings.peerAddress())
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(settings.tlsRootCert().toFile())
                            .build());
            if (settings.peerHostName() != null && !settings.peerHostName().isBlank()) {
                builder.overrideAuthority(settings.peerHostName());
            }
            channel = builder.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new StackException(
                    "Cannot use the peer's TLS certificate " + settings.tlsRootCert() + ": " + e.getMessage());
        }
        try {
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(
                            settings.mspId(),
                            Identities.readX509Certificate(
                                    read(settings.mspDir().resolve("signcerts")))))
                    .signer(Signers.newPrivateKeySigner(
                            Identities.readPrivateKey(read(settings.mspDir().resolve("keystore")))))
                    .connection(channel)
                    .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .connect();
            return new AuditPeer(channel, gateway, gateway.getNetwork(settings.channel()));
        } catch (IOException | GeneralSecurityException e) {
            channel.shutdownNow();
            throw new StackException("Cannot read the identity in " + settings.mspDir() + ": " + e.getMessage());
        }
    }

    private static Reader read(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            if (regular.size() != 1) {
                throw new IOException(directory + " must hold exactly one PEM file");
            }
            return Files.newBufferedReader(regular.get(0));
        }
    }

    /**
     * Lists the anchors whose window starts in {@code [from, to)}, every page of {@code anchors:ListAnchors}.
     *
     * @param from the earliest window start, epoch ms, inclusive
     * @param to the latest window start, epoch ms, exclusive
     * @return the anchors by start time
     * @throws LedgerQueryException when the peer refuses
     */
    public List<LedgerAnchor> anchors(long from, long to) {
        List<LedgerAnchor> anchors = new ArrayList<>();
        String bookmark = "";
        do {
            JsonNode page = json(
                    "anchors:ListAnchors", Map.of("from", from, "to", to, "pageSize", PAGE_SIZE, "bookmark", bookmark));
            for (JsonNode record : page.path("records")) {
                anchors.add(LedgerAnchor.of(record));
            }
            bookmark =
                    page.path("records").isEmpty() ? "" : page.path("bookmark").asText("");
        } while (!bookmark.isEmpty());
        return anchors;
    }

    /**
     * Reads one window's anchor with {@code anchors:GetAnchor}.
     *
     * @param windowId the ledger window ID
     * @return the anchor
     * @throws LedgerQueryException when the peer refuses, also {@code ANCHOR_NOT_FOUND}
     */
    public LedgerAnchor anchor(String windowId) {
        return LedgerAnchor.of(parse(evaluate(CHAINCODE, "anchors:GetAnchor", windowId)));
    }

    /**
     * Reads a transaction with {@code qscc GetTransactionByID}.
     *
     * @param txId the transaction ID
     * @return the processed transaction: its envelope and validation code
     * @throws LedgerQueryException when the peer refuses or the answer does not parse
     */
    public ProcessedTransaction transaction(String txId) {
        try {
            return ProcessedTransaction.parseFrom(evaluate("qscc", "GetTransactionByID", network.getName(), txId));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerQueryException("qscc GetTransactionByID answered no ProcessedTransaction", e);
        }
    }

    /**
     * Reads the block holding a transaction with {@code qscc GetBlockByTxID}.
     *
     * @param txId the transaction ID
     * @return the block
     * @throws LedgerQueryException when the peer refuses or the answer does not parse
     */
    public Block blockOf(String txId) {
        return block(evaluate("qscc", "GetBlockByTxID", network.getName(), txId));
    }

    /**
     * Reads a block with {@code qscc GetBlockByNumber}.
     *
     * @param number the block number
     * @return the block
     * @throws LedgerQueryException when the peer refuses (also for a block not yet committed)
     */
    public Block block(long number) {
        return block(evaluate("qscc", "GetBlockByNumber", network.getName(), Long.toString(number)));
    }

    private static Block block(byte[] bytes) {
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerQueryException("qscc answered no Block", e);
        }
    }

    private JsonNode json(String function, Map<String, Object> argument) {
        try {
            return parse(evaluate(CHAINCODE, function, JSON.writeValueAsString(argument)));
        } catch (IOException e) {
            throw new LedgerQueryException("Cannot encode the argument of " + function, e);
        }
    }

    private static JsonNode parse(byte[] answer) {
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new LedgerQueryException("The chaincode answered no JSON", e);
        }
    }

    private byte[] evaluate(String chaincode, String function, String... arguments) {
        try {
            return network.getContract(chaincode).evaluateTransaction(function, arguments);
        } catch (GatewayException e) {
            throw new LedgerQueryException(chaincode + " " + function + " failed on the peer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
    }

    /** A query the peer refused or answered with something that does not parse. */
    public static final class LedgerQueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed
         * @param cause the cause
         */
        public LedgerQueryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
