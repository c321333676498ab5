package org.biotdm.gateway.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.util.HexFormat;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerErrors;
import org.biotdm.gateway.ledger.LedgerException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;

/**
 * Reads blocks and transactions through Fabric's query system chaincode {@code qscc}, exactly as on real peers:
 * {@code GetChainInfo(channel)} → {@code common.BlockchainInfo}, {@code GetBlockByNumber(channel, number)} → {@code
 * common.Block}, {@code GetTransactionByID(channel, txId)} → {@code peer.ProcessedTransaction}; evaluated with the
 * gateway's identity (a member of the channel's Readers).
 */
@Singleton
final class ChainBrowser {
    /** The query system chaincode's name. */
    public static final String QSCC = "qscc";

    private static final HexFormat HEX = HexFormat.of();

    private final LedgerClient client;

    /**
     * Creates the browser.
     *
     * @param client the ledger client
     */
    public ChainBrowser(LedgerClient client) {
        this.client = client;
    }

    /**
     * Reads the channel's height and head hashes.
     *
     * @return the chain info
     * @throws LedgerException a ledger failure
     */
    public ChainInfoResponse chainInfo() throws LedgerException {
        Network network = client.network(client.gatewayIdentity());
        BlockchainInfo info = parse(evaluate(network, "GetChainInfo", network.getName()), BlockchainInfo::parseFrom);
        return new ChainInfoResponse(
                network.getName(),
                info.getHeight(),
                HEX.formatHex(info.getCurrentBlockHash().toByteArray()),
                HEX.formatHex(info.getPreviousBlockHash().toByteArray()));
    }

    /**
     * Reads and decodes a block.
     *
     * @param number the block number, 0 or more
     * @return the block, or empty when the channel is not that high yet
     * @throws LedgerException a ledger failure
     */
    public Optional<BlockSummary> block(long number) throws LedgerException {
        if (number >= chainInfo().height()) {
            return Optional.empty();
        }
        Network network = client.network(client.gatewayIdentity());
        byte[] bytes = evaluate(network, "GetBlockByNumber", network.getName(), Long.toString(number));
        return Optional.of(BlockDecoder.block(parse(bytes, Block::parseFrom)));
    }

    /**
     * Reads and decodes a transaction.
     *
     * @param txId the transaction ID (64 lowercase hex digits)
     * @return the transaction, or empty when the peer has no transaction of that ID
     * @throws LedgerException a ledger failure other than an unknown ID
     */
    public Optional<TransactionSummary> transaction(String txId) throws LedgerException {
        Network network = client.network(client.gatewayIdentity());
        byte[] bytes;
        try {
            bytes = evaluate(network, "GetTransactionByID", network.getName(), txId);
        } catch (LedgerException e) {
            // qscc answers an unknown ID with an error naming it ("Failed to get transaction with id <txId>, ...").
            if (e.kind() == LedgerException.Kind.CONTRACT
                    && String.valueOf(e.getMessage()).contains(txId)) {
                return Optional.empty();
            }
            throw e;
        }
        ProcessedTransaction processed = parse(bytes, ProcessedTransaction::parseFrom);
        return Optional.of(BlockDecoder.envelope(
                processed.getTransactionEnvelope().toByteString(),
                BlockDecoder.codeName(processed.getValidationCode())));
    }

    private static byte[] evaluate(Network network, String function, String... arguments) throws LedgerException {
        Contract qscc = network.getContract(QSCC);
        try {
            return qscc.evaluateTransaction(function, arguments);
        } catch (GatewayException e) {
            throw LedgerErrors.translate(e, null);
        }
    }

    private static <T> T parse(byte[] bytes, Parser<T> parser) throws LedgerException {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.LEDGER_CHAINCODE_ERROR,
                    "qscc returned bytes that are not the expected protobuf: " + e.getMessage(),
                    null,
                    e);
        }
    }

    /** A protobuf parser. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }
}
