package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.chaincode.TestProposals.TestProposal;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the unmodified Java shim: the test chaincode jar in two child JVMs (as chaincodes "testcc" and "othercc")
 * against a ChaincodeSupport on a real gRPC server, with hand-built signed proposals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeSupportIT {

    private static final String CHANNEL = "mychannel";
    private static final Duration START = Duration.ofSeconds(90);

    private final InMemoryState state = new InMemoryState();
    private final TestProposals client =
            new TestProposals("Org1MSP", "sensor-gw-1", "{\"attrs\":{\"biotdm.role\":\"gateway\"}}");
    private ChaincodeSupport support;
    private Server server;
    private ChaincodeLauncher testcc;
    private ChaincodeLauncher othercc;
    private String testccPackage;
    private String otherccPackage;
    private long block = 1;

    /** One executed transaction and its read/write set. */
    private record Outcome(String txId, ChaincodeResult result, TxReadWriteSet rwset) {
        Response response() {
            return result.response();
        }

        String payload() {
            return result.response().getPayload().toStringUtf8();
        }

        KVRWSet kv(String namespace) throws InvalidProtocolBufferException {
            for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
                if (ns.getNamespace().equals(namespace)) {
                    return KVRWSet.parseFrom(ns.getRwset());
                }
            }
            throw new AssertionError("no namespace " + namespace);
        }
    }

    @BeforeAll
    void start_peer_and_chaincodes(@TempDir Path logs) throws Exception {
        Path jar = Path.of(System.getProperty("biotdm.testcc.jar"));
        testccPackage = ChaincodeLauncher.packageId("testcc", jar);
        otherccPackage = ChaincodeLauncher.packageId("othercc", jar);
        support = new ChaincodeSupport("peer0.org1.example.com");
        support.setChaincodeResolver(name -> switch (name) {
            case "testcc" -> Optional.of(testccPackage);
            case "othercc" -> Optional.of(otherccPackage);
            default -> Optional.empty();
        });
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(100 * 1024 * 1024)
                .addService(support.grpcService())
                .build()
                .start();
        String address = "127.0.0.1:" + server.getPort();
        testcc = new ChaincodeLauncher(jar, testccPackage, address, "Org1MSP", logs.resolve("testcc.log"));
        othercc = new ChaincodeLauncher(jar, otherccPackage, address, "Org1MSP", logs.resolve("othercc.log"));
        testcc.start();
        othercc.start();
        assertThat(support.awaitRegistered(testccPackage, START)).isTrue();
        assertThat(support.awaitRegistered(otherccPackage, START)).isTrue();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (testcc != null) {
            testcc.close();
        }
        if (othercc != null) {
            othercc.close();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Outcome run(String function, String... args) throws ChaincodeExecutionException {
        String[] all = new String[args.length + 1];
        all[0] = function;
        System.arraycopy(args, 0, all, 1, args.length);
        TestProposal proposal = client.proposal(CHANNEL, "testcc", all);
        TxSimulator simulator = new TxSimulator(state, proposal.txId());
        try {
            ChaincodeResult result = support.execute(
                    new ChaincodeInvocation(
                            testccPackage, CHANNEL, proposal.txId(), proposal.signedProposal(), proposal.input()),
                    simulator);
            return new Outcome(proposal.txId(), result, simulator.results());
        } finally {
            simulator.done();
        }
    }

    private Outcome commit(Outcome outcome) throws InvalidProtocolBufferException {
        assertThat(outcome.response().getStatus())
                .as(outcome.response().getMessage())
                .isEqualTo(200);
        state.commit(outcome.rwset(), block++, 0, outcome.txId());
        return outcome;
    }

    private static JsonArray array(Outcome outcome) {
        return JsonParser.parseString(outcome.payload()).getAsJsonArray();
    }

    private static List<String> keys(JsonArray records) {
        List<String> keys = new ArrayList<>();
        for (JsonElement record : records) {
            keys.add(record.getAsJsonObject().get("key").getAsString());
        }
        return keys;
    }

    @Nested
    class State {

        @Test
        void put_is_recorded_as_a_write_without_reads() throws Exception {
            Outcome outcome = run("Put", "alpha", "one");

            assertThat(outcome.response().getStatus()).isEqualTo(200);
            assertThat(outcome.rwset().getNsRwsetList())
                    .extracting(NsReadWriteSet::getNamespace)
                    .containsExactly("testcc");
            assertThat(outcome.kv("testcc").getReadsList()).isEmpty();
            assertThat(outcome.kv("testcc").getWritesList())
                    .containsExactly(KVWrite.newBuilder()
                            .setKey("alpha")
                            .setValue(com.google.protobuf.ByteString.copyFromUtf8("one"))
                            .build());
        }

        @Test
        void get_reads_the_committed_value() throws Exception {
            commit(run("Put", "beta", "two"));

            Outcome outcome = run("Get", "beta");

            assertThat(outcome.payload()).isEqualTo("two");
            assertThat(outcome.kv("testcc").getReads(0).getVersion().getBlockNum())
                    .isPositive();
        }

        @Test
        void get_of_an_absent_key_fails_with_the_contract_error_and_records_an_absent_read() throws Exception {
            Outcome outcome = run("Get", "missing");

            assertThat(outcome.response().getStatus()).isEqualTo(500);
            assertThat(outcome.response().getMessage()).isEqualTo("[NOT_FOUND] Key missing does not exist");
            assertThat(outcome.kv("testcc").getReadsList())
                    .containsExactly(KVRead.newBuilder().setKey("missing").build());
        }

        @Test
        void increment_reads_then_writes() throws Exception {
            commit(run("Increment", "counter"));

            Outcome outcome = run("Increment", "counter");

            assertThat(outcome.payload()).isEqualTo("2");
            assertThat(outcome.kv("testcc").getReadsList())
                    .extracting(KVRead::getKey)
                    .containsExactly("counter");
        }

        @Test
        void history_is_passed_through_newest_first() throws Exception {
            Outcome first = commit(run("Put", "hist", "v1"));
            Outcome second = commit(run("Delete", "hist"));

            JsonArray history = array(run("History", "hist"));

            assertThat(history).hasSize(2);
            JsonObject newest = history.get(0).getAsJsonObject();
            assertThat(newest.get("txId").getAsString()).isEqualTo(second.txId());
            assertThat(newest.get("isDelete").getAsBoolean()).isTrue();
            assertThat(history.get(1).getAsJsonObject().get("txId").getAsString())
                    .isEqualTo(first.txId());
            assertThat(history.get(1).getAsJsonObject().get("value").getAsString())
                    .isEqualTo("v1");
        }

        @Test
        void key_level_policy_is_written_as_metadata_and_read_back() throws Exception {
            commit(run("Put", "guarded", "v"));
            Outcome set = commit(run("SetKeyPolicy", "guarded", "Org2MSP,Org1MSP"));

            KVMetadataWrite write = set.kv("testcc").getMetadataWrites(0);
            assertThat(write.getKey()).isEqualTo("guarded");
            assertThat(write.getEntries(0).getName()).isEqualTo("VALIDATION_PARAMETER");
            SignaturePolicyEnvelope policy =
                    SignaturePolicyEnvelope.parseFrom(write.getEntries(0).getValue());
            assertThat(policy.getRule().getNOutOf().getN()).isEqualTo(2);
            Outcome get = run("GetKeyPolicy", "guarded");
            assertThat(Base64.getDecoder().decode(get.payload()))
                    .isEqualTo(write.getEntries(0).getValue().toByteArray());
            assertThat(run("GetKeyPolicy", "beta-never-written").payload()).isEmpty();
        }

        @Test
        void device_registration_reads_one_plain_key_and_writes_one_composite_key() throws Exception {
            Outcome outcome = run("RegisterDevice", "d-17", "Org1MSP");

            KVRWSet kv = outcome.kv("testcc");
            assertThat(kv.getReadsList()).extracting(KVRead::getKey).containsExactly("org~Org1MSP");
            assertThat(kv.getWritesList())
                    .extracting(KVWrite::getKey)
                    .containsExactly("\u0000device\u0000Org1MSP\u0000d-17\u0000");
        }
    }

    @Nested
    class Queries {

        @Test
        void range_over_more_than_100_keys_is_fetched_in_batches() throws Exception {
            commit(run("PutMany", "r", "250"));

            Outcome outcome = run("Range", "r", "s");

            JsonArray records = array(outcome);
            assertThat(records).hasSize(250);
            assertThat(keys(records)).startsWith("r00000").endsWith("r00249");
            assertThat(outcome.kv("testcc").getRangeQueriesInfo(0).getItrExhausted())
                    .isTrue();
            assertThat(outcome.kv("testcc").getRangeQueriesInfo(0).getRawReads().getKvReadsCount())
                    .isEqualTo(250);
        }

        @Test
        void composite_keys_appear_only_in_partial_composite_queries() throws Exception {
            commit(run("PutComposite", "asset", "red,1", "a"));
            commit(run("PutComposite", "asset", "blue,2", "b"));
            commit(run("Put", "plain-key", "p"));

            List<String> plain = keys(array(run("Range", "", "")));
            List<String> red = keys(array(run("PartialComposite", "asset", "red")));
            List<String> all = keys(array(run("PartialComposite", "asset", "")));

            assertThat(plain).contains("plain-key").noneMatch(k -> k.startsWith("\u0000"));
            assertThat(red).containsExactly("\u0000asset\u0000red\u00001\u0000");
            assertThat(all).hasSize(2);
        }

        @Test
        void pages_follow_bookmarks() throws Exception {
            commit(run("PutMany", "p", "25"));

            JsonObject first = JsonParser.parseString(
                            run("RangePage", "p", "q", "10", "").payload())
                    .getAsJsonObject();
            JsonObject last = JsonParser.parseString(
                            run("RangePage", "p", "q", "10", "p00020").payload())
                    .getAsJsonObject();

            assertThat(first.get("count").getAsInt()).isEqualTo(10);
            assertThat(first.get("bookmark").getAsString()).isEqualTo("p00010");
            assertThat(keys(first.getAsJsonArray("records")))
                    .startsWith("p00000")
                    .hasSize(10);
            assertThat(last.get("count").getAsInt()).isEqualTo(5);
            assertThat(last.get("bookmark").getAsString()).isEmpty();
        }

        @Test
        void rich_query_fails_as_on_a_leveldb_peer() throws Exception {
            Outcome outcome = run("RichQuery", "{\"selector\":{}}");

            assertThat(outcome.response().getStatus()).isEqualTo(500);
            assertThat(outcome.response().getMessage())
                    .isEqualTo("[" + outcome.txId().substring(0, 8) + "]Unsuccessful response received.");
        }

        @Test
        void private_data_fails_as_without_collections() throws Exception {
            Outcome outcome = run("PrivatePut", "secret", "k", "v");

            assertThat(outcome.response().getStatus()).isEqualTo(500);
            assertThat(outcome.response().getMessage()).endsWith("]Unsuccessful response received.");
        }
    }

    @Nested
    class Responses {

        @Test
        void event_is_returned_as_the_shim_sent_it() throws Exception {
            Outcome outcome = run("Emit", "DeviceRegistered", "{\"id\":1}");

            assertThat(outcome.result().event().getEventName()).isEqualTo("DeviceRegistered");
            assertThat(outcome.result().event().getPayload().toStringUtf8()).isEqualTo("{\"id\":1}");
            assertThat(outcome.result().event().getChaincodeId()).isEmpty();
        }

        @Test
        void contract_errors_are_500_responses() throws Exception {
            assertThat(run("Fail", "[DEVICE_NOT_FOUND] no such device").response())
                    .extracting(Response::getStatus, Response::getMessage)
                    .containsExactly(500, "[DEVICE_NOT_FOUND] no such device");
            assertThat(run("FailUnchecked").response().getMessage())
                    .isEqualTo("Error during contract method execution");
        }

        @Test
        void identity_comes_from_the_signed_proposal_and_msp_from_the_environment() throws Exception {
            JsonObject identity =
                    JsonParser.parseString(run("Identity").payload()).getAsJsonObject();

            assertThat(identity.get("mspId").getAsString()).isEqualTo("Org1MSP");
            assertThat(identity.get("id").getAsString()).startsWith("x509::").contains("CN=sensor-gw-1");
            assertThat(identity.get("role").getAsString()).isEqualTo("gateway");
            assertThat(identity.get("stubMspId").getAsString()).isEqualTo("Org1MSP");
        }

        @Test
        void chaincode_to_chaincode_call_writes_in_the_callee_namespace() throws Exception {
            Outcome outcome = run("Invoke", "othercc", "Put,shared,from-caller");

            JsonObject callee = JsonParser.parseString(outcome.payload()).getAsJsonObject();
            assertThat(callee.get("status").getAsInt()).isEqualTo(200);
            assertThat(outcome.rwset().getNsRwsetList())
                    .extracting(NsReadWriteSet::getNamespace)
                    .containsExactly("othercc");
            assertThat(outcome.kv("othercc").getWrites(0).getKey()).isEqualTo("shared");
        }

        @Test
        void concurrent_transactions_interleave_on_one_stream() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    outcomes.add(pool.submit(() -> n % 2 == 0 ? run("Sleep", "200") : run("Put", "c" + n, "v")));
                }
                for (Future<Outcome> outcome : outcomes) {
                    assertThat(outcome.get(60, TimeUnit.SECONDS).response().getStatus())
                            .isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Restart {

        @Test
        void crashed_chaincode_reports_stream_terminated_and_is_restarted() throws Exception {
            assertThatThrownBy(() -> run("Crash"))
                    .isInstanceOf(ChaincodeExecutionException.class)
                    .hasMessageEndingWith("chaincode stream terminated");

            assertThat(support.awaitRegistered(testccPackage, START)).isTrue();
            assertThat(run("Put", "after-crash", "v").response().getStatus()).isEqualTo(200);
            assertThat(testcc.restartCount()).isPositive();
        }
    }
}
