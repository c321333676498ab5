package org.biotdm.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.biotdm.devnet.ledger.Blocks;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query system chaincode through the unmodified fabric-gateway client: its blocks equal the Deliver service's,
 * its transactions carry their validation codes, and its errors are Fabric's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QsccIT {
    private static final String CHANNEL = DevnetFixture.CHANNEL;

    @TempDir
    static Path dataDir;

    private DevnetFixture fixture;
    private Network network;
    private Contract testcc;
    private Contract qscc;

    @BeforeAll
    void start_network() {
        fixture = DevnetFixture.start(dataDir);
        network = fixture.gateway(0).getNetwork(CHANNEL);
        testcc = network.getContract(DevnetFixture.CHAINCODE);
        qscc = network.getContract("qscc");
    }

    @AfterAll
    void stop_network() {
        fixture.close();
    }

    @Test
    void block_by_number_equals_the_delivered_block() throws Exception {
        SubmittedTransaction submitted = submitPut();
        long number = submitted.getStatus().getBlockNumber();

        byte[] queried = qscc.evaluateTransaction("GetBlockByNumber", CHANNEL, Long.toString(number));

        Block delivered = deliveredBlock(number);
        assertThat(Block.parseFrom(queried)).isEqualTo(delivered);
        assertThat(ByteString.copyFrom(queried)).isEqualTo(delivered.toByteString());
    }

    @Test
    void transaction_by_id_carries_the_envelope_and_its_validation_code() throws Exception {
        Transaction transaction = testcc.newProposal("Put")
                .addArguments(unique("qscc"), "v")
                .build()
                .endorse();
        SubmittedTransaction submitted = transaction.submitAsync();
        long number = submitted.getStatus().getBlockNumber();

        ProcessedTransaction processed = ProcessedTransaction.parseFrom(
                qscc.evaluateTransaction("GetTransactionByID", CHANNEL, submitted.getTransactionId()));

        assertThat(processed.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
        // Once submitted, the client's prepared transaction holds the signed envelope it sent.
        assertThat(processed.getTransactionEnvelope())
                .isEqualTo(PreparedTransaction.parseFrom(transaction.getBytes()).getEnvelope());
        assertThat(processed.getTransactionEnvelope().getSignature()).isNotEmpty();
        assertThat(deliveredBlock(number).getData().getDataList())
                .contains(processed.getTransactionEnvelope().toByteString());
    }

    @Test
    void an_invalidated_transaction_reports_its_code() throws Exception {
        String key = unique("mvcc");
        testcc.submitTransaction("Put", key, "1");
        Transaction first =
                testcc.newProposal("Increment").addArguments(key).build().endorse();
        Transaction second =
                testcc.newProposal("Increment").addArguments(key).build().endorse();
        first.submit();
        assertThatThrownBy(second::submit).isInstanceOf(CommitException.class);

        ProcessedTransaction processed = ProcessedTransaction.parseFrom(
                qscc.evaluateTransaction("GetTransactionByID", CHANNEL, second.getTransactionId()));

        assertThat(processed.getValidationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT_VALUE);
    }

    @Test
    void block_by_hash_and_by_transaction_id_find_the_same_block() throws Exception {
        SubmittedTransaction submitted = submitPut();
        Block delivered = deliveredBlock(submitted.getStatus().getBlockNumber());
        byte[] hash = Blocks.headerHash(delivered.getHeader()).toByteArray();

        Block byHash = Block.parseFrom(qscc.newProposal("GetBlockByHash")
                .addArguments(CHANNEL.getBytes(StandardCharsets.UTF_8), hash)
                .build()
                .evaluate());
        Block byTxId =
                Block.parseFrom(qscc.evaluateTransaction("GetBlockByTxID", CHANNEL, submitted.getTransactionId()));

        assertThat(byHash).isEqualTo(delivered);
        assertThat(byTxId).isEqualTo(delivered);
    }

    @Test
    void chain_info_describes_the_last_delivered_block() throws Exception {
        submitPut().getStatus();

        BlockchainInfo info = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", CHANNEL));

        Block last = deliveredBlock(info.getHeight() - 1);
        assertThat(info.getCurrentBlockHash()).isEqualTo(Blocks.headerHash(last.getHeader()));
        assertThat(info.getPreviousBlockHash()).isEqualTo(last.getHeader().getPreviousHash());
        assertThat(Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", CHANNEL, "18446744073709551615")))
                .isEqualTo(last);
    }

    @Test
    void a_block_beyond_the_height_is_a_chaincode_error() throws Exception {
        BlockchainInfo info = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", CHANNEL));
        long beyond = info.getHeight() + 1000;

        assertThatThrownBy(() -> qscc.evaluateTransaction("GetBlockByNumber", CHANNEL, Long.toString(beyond)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(e.getMessage())
                            .contains("evaluate call to endorser returned error: chaincode response 500, Failed to get"
                                    + " block number " + beyond + ", error no such block number [" + beyond
                                    + "] in index");
                });
    }

    @Test
    void errors_carry_fabrics_texts() {
        assertThat(chaincodeError("GetTransactionByID", CHANNEL, "nope"))
                .isEqualTo("Failed to get transaction with id nope, error no such transaction ID [nope] in index");
        assertThat(chaincodeError("GetBlockByTxID", CHANNEL, "nope"))
                .isEqualTo("Failed to get block for txID nope, error no such transaction ID [nope] in index");
        assertThat(chaincodeError("GetBlockByNumber", CHANNEL, "x1"))
                .isEqualTo("Failed to parse block number with error strconv.ParseUint: parsing \"x1\": invalid syntax");
        assertThat(chaincodeError("GetBlockByNumber", CHANNEL)).isEqualTo("missing 3rd argument for GetBlockByNumber");
        assertThat(chaincodeError("GetChainInfo", "otherchannel")).isEqualTo("Invalid chain ID, otherchannel");
        assertThat(chaincodeError("GetChainInfo")).isEqualTo("Incorrect number of arguments, 1");
        assertThat(chaincodeError("Nope", CHANNEL, "x"))
                .isEqualTo("access denied for [Nope][" + CHANNEL + "]: [Unmapped policy for qscc/Nope]");
    }

    @Test
    void an_orderer_admin_is_not_a_channel_reader() {
        Contract ordererQscc = fixture.gateway(
                        0, fixture.devnet().crypto().orderer().admin())
                .getNetwork(CHANNEL)
                .getContract("qscc");

        assertThatThrownBy(() -> ordererQscc.evaluateTransaction("GetChainInfo", CHANNEL))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                        .contains("chaincode response 500, access denied for [GetChainInfo][" + CHANNEL + "]: [failed"
                                + " evaluating policy on signed data during check policy"
                                + " [/Channel/Application/Readers]: [implicit policy evaluation failed - 0"
                                + " sub-policies were satisfied, but this policy requires 1 of the 'Readers'"
                                + " sub-policies to be satisfied]]"));
    }

    @Test
    void qscc_cannot_be_submitted_as_a_transaction() {
        assertThatThrownBy(() -> qscc.submitTransaction("GetChainInfo", CHANNEL))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("no combination of peers can be derived which satisfy the endorsement policy:"
                                    + " No metadata was found for chaincode qscc in channel " + CHANNEL);
                });
    }

    private String chaincodeError(String... args) {
        String prefix = "evaluate call to endorser returned error: chaincode response 500, ";
        try {
            qscc.evaluateTransaction(args[0], Arrays.copyOfRange(args, 1, args.length));
        } catch (GatewayException e) {
            assertThat(e.getStatus().getDescription()).startsWith(prefix);
            return e.getStatus().getDescription().substring(prefix.length());
        }
        throw new AssertionError("qscc " + args[0] + " succeeded");
    }

    private SubmittedTransaction submitPut() throws Exception {
        SubmittedTransaction submitted = testcc.newProposal("Put")
                .addArguments(unique("qscc"), "v")
                .build()
                .endorse()
                .submitAsync();
        assertThat(submitted.getStatus().isSuccessful()).isTrue();
        return submitted;
    }

    private Block deliveredBlock(long number) {
        try (CloseableIterator<Block> events =
                network.newBlockEventsRequest().startBlock(number).build().getEvents()) {
            return events.next();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
