package org.biotdm.devnet.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biotdm.devnet.ledger.Blocks;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.protocol.EnvelopeFixtures;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuerySystemChaincodeTest {
    private static final String CHANNEL = EnvelopeFixtures.CHANNEL;
    private static final String READER = "Org1MSP";

    @TempDir
    Path dir;

    private PeerLedger ledger;
    private QuerySystemChaincode qscc;
    private final List<Block> blocks = new ArrayList<>();
    private final List<String> txIds = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        ledger = PeerLedger.open(dir, CHANNEL);
        ChannelConfig channel =
                new ChannelConfig(CHANNEL, null, List.of(READER, "Org2MSP"), "OrdererMSP", null, Map.of());
        qscc = new QuerySystemChaincode(channel, ledger);
        commit(TxValidationCode.VALID);
        commit(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Nested
    class Results {
        @Test
        void chain_info_names_the_height_and_the_last_two_hashes() throws Exception {
            BlockchainInfo info = BlockchainInfo.parseFrom(payload("GetChainInfo", CHANNEL));

            assertThat(info.getHeight()).isEqualTo(2);
            assertThat(info.getCurrentBlockHash())
                    .isEqualTo(Blocks.headerHash(blocks.get(1).getHeader()));
            assertThat(info.getPreviousBlockHash())
                    .isEqualTo(Blocks.headerHash(blocks.get(0).getHeader()));
        }

        @Test
        void chain_info_survives_a_reopen() throws Exception {
            ByteString before = ByteString.copyFrom(payload("GetChainInfo", CHANNEL));
            ledger.close();
            ledger = PeerLedger.open(dir, CHANNEL);
            qscc = new QuerySystemChaincode(
                    new ChannelConfig(CHANNEL, null, List.of(READER), "OrdererMSP", null, Map.of()), ledger);

            assertThat(ByteString.copyFrom(payload("GetChainInfo", CHANNEL))).isEqualTo(before);
        }

        @Test
        void blocks_by_number_hash_and_transaction_are_the_committed_blocks() throws Exception {
            Block second = blocks.get(1);
            ByteString hash = Blocks.headerHash(second.getHeader());

            assertThat(Block.parseFrom(payload("GetBlockByNumber", CHANNEL, "1")))
                    .isEqualTo(second);
            assertThat(Block.parseFrom(payload("GetBlockByNumber", CHANNEL, "0")))
                    .isEqualTo(blocks.get(0));
            assertThat(Block.parseFrom(payload(args("GetBlockByHash", CHANNEL).add(hash))))
                    .isEqualTo(second);
            assertThat(Block.parseFrom(payload("GetBlockByTxID", CHANNEL, txIds.get(2))))
                    .isEqualTo(second);
        }

        @Test
        void max_uint64_asks_for_the_last_block() throws Exception {
            assertThat(Block.parseFrom(payload("GetBlockByNumber", CHANNEL, "18446744073709551615")))
                    .isEqualTo(blocks.get(1));
        }

        @Test
        void a_transaction_comes_with_its_envelope_and_code() throws Exception {
            ProcessedTransaction invalid =
                    ProcessedTransaction.parseFrom(payload("GetTransactionByID", CHANNEL, txIds.get(2)));
            ProcessedTransaction valid =
                    ProcessedTransaction.parseFrom(payload("GetTransactionByID", CHANNEL, txIds.get(0)));

            assertThat(invalid.getValidationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT_VALUE);
            assertThat(invalid.getTransactionEnvelope())
                    .isEqualTo(Envelope.parseFrom(blocks.get(1).getData().getData(1)));
            assertThat(valid.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
        }
    }

    @Nested
    class Errors {
        @Test
        void argument_count_and_channel_are_checked_first() {
            assertThat(error("GetChainInfo")).isEqualTo("Incorrect number of arguments, 1");
            assertThat(error()).isEqualTo("Incorrect number of arguments, 0");
            assertThat(error("GetBlockByHash", CHANNEL)).isEqualTo("missing 3rd argument for GetBlockByHash");
            assertThat(error("Unknown", CHANNEL)).isEqualTo("missing 3rd argument for Unknown");
            assertThat(error("GetChainInfo", "other")).isEqualTo("Invalid chain ID, other");
        }

        @Test
        void an_unknown_function_has_no_acl() {
            assertThat(error("GetBlockByNumberz", CHANNEL, "1"))
                    .isEqualTo("access denied for [GetBlockByNumberz][" + CHANNEL
                            + "]: [Unmapped policy for qscc/GetBlockByNumberz]");
        }

        @Test
        void a_creator_outside_the_channel_readers_is_denied() {
            Response response = qscc.invoke(args("GetChainInfo", CHANNEL).list, "OrdererMSP");

            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(response.getMessage())
                    .isEqualTo("access denied for [GetChainInfo][" + CHANNEL + "]: [failed evaluating policy on"
                            + " signed data during check policy [/Channel/Application/Readers]: [implicit policy"
                            + " evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the"
                            + " 'Readers' sub-policies to be satisfied]]");
            assertThat(response.getPayload()).isEmpty();
        }

        @Test
        void missing_blocks_and_transactions_use_the_block_index_texts() {
            assertThat(error("GetBlockByNumber", CHANNEL, "2"))
                    .isEqualTo("Failed to get block number 2, error no such block number [2] in index");
            assertThat(error("GetBlockByNumber", CHANNEL, "18446744073709551614"))
                    .isEqualTo("Failed to get block number 18446744073709551614, error no such block number"
                            + " [18446744073709551614] in index");
            assertThat(error("GetTransactionByID", CHANNEL, "tx9"))
                    .isEqualTo("Failed to get transaction with id tx9, error no such transaction ID [tx9] in index");
            assertThat(error("GetBlockByTxID", CHANNEL, ""))
                    .isEqualTo("Failed to get block for txID , error no such transaction ID [] in index");
            assertThat(error(args("GetBlockByHash", CHANNEL).add(ByteString.copyFromUtf8("ab"))))
                    .isEqualTo("Failed to get block hash ab, error no such block hash [6162] in index");
        }

        @Test
        void block_numbers_parse_as_go_parses_uint64() {
            assertThat(error("GetBlockByNumber", CHANNEL, "-1"))
                    .isEqualTo("Failed to parse block number with error strconv.ParseUint: parsing \"-1\": invalid"
                            + " syntax");
            assertThat(error("GetBlockByNumber", CHANNEL, ""))
                    .isEqualTo(
                            "Failed to parse block number with error strconv.ParseUint: parsing \"\": invalid syntax");
            assertThat(error("GetBlockByNumber", CHANNEL, "18446744073709551616"))
                    .isEqualTo("Failed to parse block number with error strconv.ParseUint: parsing"
                            + " \"18446744073709551616\": value out of range");
            assertThat(QuerySystemChaincode.parseUint64Error("a\"b\n"))
                    .contains("strconv.ParseUint: parsing \"a\\\"b\\n\": invalid syntax");
            assertThat(QuerySystemChaincode.parseUint64Error("007")).isEmpty();
        }
    }

    private void commit(TxValidationCode... codes) {
        List<Envelope> envelopes = new ArrayList<>();
        byte[] filter = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            EnvelopeFixtures.Builder tx = EnvelopeFixtures.transaction();
            txIds.add(tx.txId());
            envelopes.add(tx.build());
            filter[i] = (byte) codes[i].getNumber();
        }
        ByteString previous = blocks.isEmpty()
                ? ByteString.EMPTY
                : Blocks.headerHash(blocks.get(blocks.size() - 1).getHeader());
        Block block = Blocks.withTransactionFilter(Blocks.newBlock(blocks.size(), previous, envelopes), filter);
        ledger.commit(block);
        blocks.add(block);
    }

    private byte[] payload(String... args) {
        return payload(args(args));
    }

    private byte[] payload(Args args) {
        Response response = qscc.invoke(args.list, READER);
        assertThat(response.getStatus()).as(response.getMessage()).isEqualTo(200);
        return response.getPayload().toByteArray();
    }

    private String error(String... args) {
        return error(args(args));
    }

    private String error(Args args) {
        Response response = qscc.invoke(args.list, READER);
        assertThat(response.getStatus()).isEqualTo(500);
        return response.getMessage();
    }

    private static Args args(String... args) {
        Args result = new Args();
        for (String arg : args) {
            result.add(ByteString.copyFrom(arg, StandardCharsets.UTF_8));
        }
        return result;
    }

    private static final class Args {
        private final List<ByteString> list = new ArrayList<>();

        Args add(ByteString arg) {
            list.add(arg);
            return this;
        }
    }
}
