package org.biotdm.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.ledger.Blocks;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.devnet.peer.Peer;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Chaincode events with checkpoints, block and filtered-block streams, and cross-peer agreement. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsAndBlocksIT {
    @TempDir
    static Path dataDir;

    private DevnetFixture fixture;
    private Network network;
    private Contract contract;

    @BeforeAll
    void start_network() {
        fixture = DevnetFixture.start(dataDir);
        network = fixture.gateway(0).getNetwork(DevnetFixture.CHANNEL);
        contract = network.getContract(DevnetFixture.CHAINCODE);
    }

    @AfterAll
    void stop_network() {
        fixture.close();
    }

    @Test
    void chaincode_events_resume_after_a_checkpointed_transaction() throws Exception {
        String name = "evt-" + UUID.randomUUID();
        long startBlock = fixture.devnet().peers().get(0).ledger().height();
        List<String> txIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SubmittedTransaction submitted = contract.newProposal("Emit")
                    .addArguments(name, "payload-" + i)
                    .build()
                    .endorse()
                    .submitAsync();
            assertThat(submitted.getStatus().isSuccessful()).isTrue();
            txIds.add(submitted.getTransactionId());
        }

        List<ChaincodeEvent> all = readEvents(
                network.newChaincodeEventsRequest(DevnetFixture.CHAINCODE)
                        .startBlock(startBlock)
                        .build()
                        .getEvents(),
                name,
                3);
        ChaincodeEvent first = all.get(0);
        org.hyperledger.fabric.client.InMemoryCheckpointer checkpointer =
                new org.hyperledger.fabric.client.InMemoryCheckpointer();
        checkpointer.checkpointChaincodeEvent(first);
        List<ChaincodeEvent> resumed = readEvents(
                network.newChaincodeEventsRequest(DevnetFixture.CHAINCODE)
                        .checkpoint(checkpointer)
                        .build()
                        .getEvents(),
                name,
                2);

        assertThat(all).extracting(ChaincodeEvent::getTransactionId).containsExactlyElementsOf(txIds);
        assertThat(all)
                .extracting(e -> new String(e.getPayload(), UTF_8))
                .containsExactly("payload-0", "payload-1", "payload-2");
        assertThat(all).allSatisfy(e -> assertThat(e.getChaincodeName()).isEqualTo(DevnetFixture.CHAINCODE));
        assertThat(resumed).extracting(ChaincodeEvent::getTransactionId).containsExactly(txIds.get(1), txIds.get(2));
    }

    private static List<ChaincodeEvent> readEvents(CloseableIterator<ChaincodeEvent> events, String name, int count) {
        List<ChaincodeEvent> matching = new ArrayList<>();
        try (events) {
            while (matching.size() < count && events.hasNext()) {
                ChaincodeEvent event = events.next();
                if (event.getEventName().equals(name)) {
                    matching.add(event);
                }
            }
        }
        return matching;
    }

    @Test
    void block_events_chain_by_header_hash_and_carry_validation_codes() throws Exception {
        contract.submitTransaction("Put", "blk-" + UUID.randomUUID(), "v");
        long height = fixture.devnet().peers().get(0).ledger().height();

        List<Block> blocks = new ArrayList<>();
        try (CloseableIterator<Block> events =
                network.newBlockEventsRequest().startBlock(0).build().getEvents()) {
            while (blocks.size() < height) {
                blocks.add(events.next());
            }
        }

        assertThat(blocks.get(0).getHeader().getNumber()).isZero();
        assertThat(blocks.get(0).getHeader().getPreviousHash()).isEqualTo(ByteString.EMPTY);
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            assertThat(block.getHeader().getNumber()).isEqualTo(i);
            assertThat(block.getHeader().getDataHash()).isEqualTo(Blocks.dataHash(block.getData()));
            assertThat(Blocks.transactionFilter(block)).hasSize(block.getData().getDataCount());
            if (i > 0) {
                assertThat(block.getHeader().getPreviousHash())
                        .isEqualTo(Blocks.headerHash(blocks.get(i - 1).getHeader()));
            }
        }
    }

    @Test
    void filtered_blocks_report_transaction_ids_and_codes() throws Exception {
        long next = fixture.devnet().peers().get(0).ledger().height();
        SubmittedTransaction submitted = contract.newProposal("Put")
                .addArguments("flt-" + UUID.randomUUID(), "v")
                .build()
                .endorse()
                .submitAsync();
        long blockNumber = submitted.getStatus().getBlockNumber();

        FilteredBlock found = null;
        try (CloseableIterator<FilteredBlock> events =
                network.newFilteredBlockEventsRequest().startBlock(next).build().getEvents()) {
            while (found == null) {
                FilteredBlock block = events.next();
                if (block.getNumber() == blockNumber) {
                    found = block;
                }
            }
        }

        assertThat(found.getChannelId()).isEqualTo(DevnetFixture.CHANNEL);
        assertThat(found.getFilteredTransactionsList()).anySatisfy(tx -> {
            assertThat(tx.getTxid()).isEqualTo(submitted.getTransactionId());
            assertThat(tx.getTxValidationCode()).isEqualTo(TxValidationCode.VALID);
        });
    }

    @Test
    void all_peers_hold_identical_blocks_and_state_after_a_mixed_workload() throws Exception {
        String prefix = "mix-" + UUID.randomUUID() + "-";
        List<SubmittedTransaction> submitted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Contract via =
                    fixture.gateway(i % 3).getNetwork(DevnetFixture.CHANNEL).getContract(DevnetFixture.CHAINCODE);
            String function = i % 4 == 3 ? "Delete" : i % 4 == 2 ? "Increment" : "Put";
            String[] args = function.equals("Put")
                    ? new String[] {prefix + (i % 5), Integer.toString(i)}
                    : new String[] {prefix + (i % 5)};
            submitted.add(via.newProposal(function)
                    .addArguments(args)
                    .build()
                    .endorse()
                    .submitAsync());
        }
        contract.submitTransaction("PutComposite", "device", prefix + ",z", "c");
        for (SubmittedTransaction tx : submitted) {
            tx.getStatus();
        }

        List<Peer> peers = fixture.devnet().peers();
        long height = peers.stream().mapToLong(p -> p.ledger().height()).max().orElseThrow();
        for (Peer peer : peers) {
            assertThat(peer.awaitBlock(height - 1, TimeUnit.SECONDS.toMillis(10)))
                    .isTrue();
        }
        for (Peer peer : peers) {
            assertThat(peer.ledger().stateHash())
                    .isEqualTo(peers.get(0).ledger().stateHash());
            for (long n = 0; n < height; n++) {
                assertThat(peer.ledger().block(n))
                        .isEqualTo(peers.get(0).ledger().block(n));
            }
        }
    }

    @Test
    void deliver_answers_a_bounded_seek_then_completes_after_the_client_half_closes() throws Exception {
        SigningIdentity reader = fixture.org(0).gatewayClient();
        SeekPosition genesis = SeekPosition.newBuilder()
                .setSpecified(SeekSpecified.newBuilder().setNumber(0))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                                .setChannelId(DevnetFixture.CHANNEL)
                                .build()
                                .toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(reader.serialize())
                                .setNonce(ByteString.copyFromUtf8("nonce-for-deliver-test-1"))
                                .build()
                                .toByteString()))
                .setData(SeekInfo.newBuilder()
                        .setStart(genesis)
                        .setStop(genesis)
                        .build()
                        .toByteString())
                .build();
        Envelope request = Envelope.newBuilder()
                .setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(reader.sign(payload.toByteArray())))
                .build();
        List<DeliverResponse> responses = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> completed = new CompletableFuture<>();

        StreamObserver<Envelope> requests = DeliverGrpc.newStub(fixture.channel(0))
                .deliver(new StreamObserver<>() {
                    @Override
                    public void onNext(DeliverResponse response) {
                        responses.add(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        completed.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        completed.complete(null);
                    }
                });
        requests.onNext(request);
        requests.onCompleted();

        completed.get(30, TimeUnit.SECONDS);
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).getBlock().getHeader().getNumber()).isZero();
        assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
    }
}
