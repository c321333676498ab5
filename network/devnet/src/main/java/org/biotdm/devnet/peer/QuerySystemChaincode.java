package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.ledger.TxLocation;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * The query system chaincode {@code qscc} of one peer: ledger queries a client evaluates like any chaincode function,
 * with the arguments, results, ACLs and error texts of Fabric 2.5's {@code core/scc/qscc/query.go}.
 *
 * <table>
 *   <caption>Functions ({@code args[0]}); {@code args[1]} is always the channel name</caption>
 *   <tr><th>function</th><th>{@code args[2]}</th><th>payload on success</th></tr>
 *   <tr><td>{@code GetChainInfo}</td><td>-</td><td>{@code common.BlockchainInfo}</td></tr>
 *   <tr><td>{@code GetBlockByNumber}</td><td>decimal block number ({@code 18446744073709551615} = last)</td>
 *       <td>{@code common.Block}</td></tr>
 *   <tr><td>{@code GetBlockByHash}</td><td>the raw 32-byte header hash</td><td>{@code common.Block}</td></tr>
 *   <tr><td>{@code GetTransactionByID}</td><td>transaction ID</td>
 *       <td>{@code peer.ProcessedTransaction} (envelope and validation code)</td></tr>
 *   <tr><td>{@code GetBlockByTxID}</td><td>transaction ID</td><td>{@code common.Block}</td></tr>
 * </table>
 *
 * <p>Every function is guarded by the default ACL {@code qscc/<function>} = {@code /Channel/Application/Readers}
 * ({@code core/aclmgmt/defaultaclprovider.go}); other function names have no ACL mapping and are refused by the ACL
 * check, as on a peer. Blocks are returned as committed, transactions filter included, so they equal what the Deliver
 * service streams. A transaction ID that occurs more than once answers with its first occurrence, as Fabric's block
 * index does.
 */
public final class QuerySystemChaincode {
    /** The chaincode name clients use. */
    public static final String NAME = "qscc";

    /** The version Fabric reports for every system chaincode ({@code core/scc/scc.go SysCCVersion}). */
    public static final String VERSION = "syscc";

    private static final String GET_CHAIN_INFO = "GetChainInfo";
    private static final String GET_BLOCK_BY_NUMBER = "GetBlockByNumber";
    private static final String GET_BLOCK_BY_HASH = "GetBlockByHash";
    private static final String GET_TRANSACTION_BY_ID = "GetTransactionByID";
    private static final String GET_BLOCK_BY_TX_ID = "GetBlockByTxID";
    private static final List<String> FUNCTIONS =
            List.of(GET_CHAIN_INFO, GET_BLOCK_BY_NUMBER, GET_BLOCK_BY_HASH, GET_TRANSACTION_BY_ID, GET_BLOCK_BY_TX_ID);
    private static final BigInteger MAX_UINT64 = new BigInteger("18446744073709551615");
    private static final int OK = 200;
    private static final int ERROR = 500;

    private final ChannelConfig channel;
    private final PeerLedger ledger;

    /**
     * Creates the query system chaincode over a peer's ledger.
     *
     * @param channel the channel the ledger belongs to (its name and reader organisations)
     * @param ledger the peer's ledger of that channel
     */
    public QuerySystemChaincode(ChannelConfig channel, PeerLedger ledger) {
        this.channel = channel;
        this.ledger = ledger;
    }

    /**
     * Runs one invocation, as {@code LedgerQuerier.Invoke}. The caller has already verified the proposal's creator
     * signature; this method checks the creator against the channel's Readers.
     *
     * @param args the chaincode input arguments: function name, channel name, then the function's argument
     * @param creatorMspId the MSP ID of the proposal's creator, whose signature over the proposal verified
     * @return status 200 with the marshalled result, or status 500 with Fabric's error text
     */
    public Response invoke(List<ByteString> args, String creatorMspId) {
        if (args.size() < 2) {
            return error("Incorrect number of arguments, " + args.size());
        }
        String function = args.get(0).toStringUtf8();
        String channelId = args.get(1).toStringUtf8();
        if (!GET_CHAIN_INFO.equals(function) && args.size() < 3) {
            return error("missing 3rd argument for " + function);
        }
        if (!channel.channelId().equals(channelId)) {
            return error("Invalid chain ID, " + channelId);
        }
        Optional<String> denied = checkAcl(function, creatorMspId);
        if (denied.isPresent()) {
            return error("access denied for [" + function + "][" + channelId + "]: [" + denied.get() + "]");
        }
        return switch (function) {
            case GET_CHAIN_INFO -> success(ledger.blockchainInfo().toByteString());
            case GET_BLOCK_BY_NUMBER -> blockByNumber(args.get(2).toStringUtf8());
            case GET_BLOCK_BY_HASH -> blockByHash(args.get(2));
            case GET_TRANSACTION_BY_ID -> transactionById(args.get(2).toStringUtf8());
            case GET_BLOCK_BY_TX_ID -> blockByTxId(args.get(2).toStringUtf8());
            default -> error("Requested function " + function + " not found.");
        };
    }

    /** The default ACL provider's check of {@code qscc/<function>} against {@code /Channel/Application/Readers}. */
    private Optional<String> checkAcl(String function, String creatorMspId) {
        if (!FUNCTIONS.contains(function)) {
            return Optional.of("Unmapped policy for qscc/" + function);
        }
        if (!channel.applicationMsps().contains(creatorMspId)) {
            return Optional.of("failed evaluating policy on signed data during check policy"
                    + " [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were"
                    + " satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]");
        }
        return Optional.empty();
    }

    private Response blockByNumber(String text) {
        Optional<String> invalid = parseUint64Error(text);
        if (invalid.isPresent()) {
            return error("Failed to parse block number with error " + invalid.get());
        }
        BigInteger requested = new BigInteger(text);
        long height = ledger.height();
        // math.MaxUint64 asks for the last block (blockfile_mgr.go retrieveBlockByNumber).
        BigInteger number = requested.equals(MAX_UINT64) ? BigInteger.valueOf(height - 1) : requested;
        if (number.signum() < 0 || number.compareTo(BigInteger.valueOf(height)) >= 0) {
            return error("Failed to get block number " + requested + ", error no such block number [" + number
                    + "] in index");
        }
        return success(ledger.block(number.longValueExact()).toByteString());
    }

    private Response blockByHash(ByteString hash) {
        Optional<Block> block = ledger.blockByHash(hash);
        if (block.isEmpty()) {
            // Go prints the raw hash bytes with %s; invalid UTF-8 shows here as U+FFFD.
            return error("Failed to get block hash " + new String(hash.toByteArray(), StandardCharsets.UTF_8)
                    + ", error no such block hash [" + HexFormat.of().formatHex(hash.toByteArray())
                    + "] in index");
        }
        return success(block.get().toByteString());
    }

    private Response transactionById(String txId) {
        Optional<TxLocation> location = ledger.transaction(txId);
        if (location.isEmpty()) {
            return error("Failed to get transaction with id " + txId + ", error " + noSuchTransaction(txId));
        }
        Block block = ledger.block(location.get().blockNum());
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(block.getData().getData(location.get().txNum()));
        } catch (InvalidProtocolBufferException e) {
            // Indexed transactions carry a txid, so their envelopes parsed when they were indexed.
            return error("Failed to get transaction with id " + txId + ", error " + e.getMessage());
        }
        return success(ProcessedTransaction.newBuilder()
                .setTransactionEnvelope(envelope)
                .setValidationCode(location.get().code().getNumber())
                .build()
                .toByteString());
    }

    private Response blockByTxId(String txId) {
        Optional<TxLocation> location = ledger.transaction(txId);
        if (location.isEmpty()) {
            return error("Failed to get block for txID " + txId + ", error " + noSuchTransaction(txId));
        }
        return success(ledger.block(location.get().blockNum()).toByteString());
    }

    private static String noSuchTransaction(String txId) {
        return "no such transaction ID [" + txId + "] in index";
    }

    /**
     * Returns Go's {@code strconv.ParseUint(text, 10, 64)} error text, or empty when the text is a valid unsigned
     * 64-bit decimal.
     */
    static Optional<String> parseUint64Error(String text) {
        boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            return Optional.of("strconv.ParseUint: parsing " + goQuote(text) + ": invalid syntax");
        }
        if (new BigInteger(text).compareTo(MAX_UINT64) > 0) {
            return Optional.of("strconv.ParseUint: parsing " + goQuote(text) + ": value out of range");
        }
        return Optional.empty();
    }

    /** Quotes a string as Go's {@code strconv.Quote} does for printable text and the common escapes. */
    private static String goQuote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    private static Response success(ByteString payload) {
        return Response.newBuilder().setStatus(OK).setPayload(payload).build();
    }

    private static Response error(String message) {
        return Response.newBuilder().setStatus(ERROR).setMessage(message).build();
    }
}
