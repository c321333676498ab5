package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.devnet.chaincode.ChaincodeSupportTest.OK;
import static org.biotdm.devnet.chaincode.ChaincodeSupportTest.PACKAGE;
import static org.biotdm.devnet.chaincode.ChaincodeSupportTest.executeAsync;
import static org.biotdm.devnet.chaincode.ChaincodeSupportTest.put;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each test runs one transaction "tx1" on a fake shim and sends the requests a shim would. */
class ShimRequestsTest {

    private static final String NS = "testcc";
    private static final String TX = "tx1";

    private final ChaincodeSupport support = new ChaincodeSupport("peer0.org1", Duration.ofSeconds(30));
    private final InMemoryState state = new InMemoryState();
    private final TxSimulator simulator = new TxSimulator(state, TX);
    private FakeShim shim;
    private CompletableFuture<ChaincodeResult> execution;

    @BeforeEach
    void start_transaction() throws Exception {
        shim = FakeShim.connect(support).register(PACKAGE);
        execution = executeAsync(support, PACKAGE, TX, simulator);
        assertThat(shim.take().getType()).isEqualTo(Type.TRANSACTION);
    }

    @AfterEach
    void complete_transaction() throws Exception {
        shim.complete(TX, OK);
        assertThat(execution.get(10, TimeUnit.SECONDS).response()).isEqualTo(OK);
    }

    private ChaincodeMessage request(Type type, Message payload) throws InterruptedException {
        ChaincodeMessage reply = shim.request(type, TX, payload);
        assertThat(reply.getTxid()).isEqualTo(TX);
        assertThat(reply.getChannelId()).isEqualTo(FakeShim.CHANNEL);
        return reply;
    }

    private ByteString ok(Type type, Message payload) throws InterruptedException {
        ChaincodeMessage reply = request(type, payload);
        assertThat(reply.getType()).as(reply.getPayload().toStringUtf8()).isEqualTo(Type.RESPONSE);
        return reply.getPayload();
    }

    private String error(Type type, Message payload) throws InterruptedException {
        ChaincodeMessage reply = request(type, payload);
        assertThat(reply.getType()).isEqualTo(Type.ERROR);
        return reply.getPayload().toStringUtf8();
    }

    private KVRWSet rwset() throws InvalidProtocolBufferException {
        return KVRWSet.parseFrom(simulator.results().getNsRwset(0).getRwset());
    }

    private void putKeys(int count) {
        for (int i = 0; i < count; i++) {
            state.put(NS, String.format("k%05d", i), "v" + i, 1, i);
        }
    }

    private static List<String> keys(QueryResponse response) throws InvalidProtocolBufferException {
        List<String> keys = new ArrayList<>();
        for (QueryResultBytes result : response.getResultsList()) {
            keys.add(KV.parseFrom(result.getResultBytes()).getKey());
        }
        return keys;
    }

    private static GetStateByRange range(String start, String end) {
        return GetStateByRange.newBuilder().setStartKey(start).setEndKey(end).build();
    }

    private static GetStateByRange page(String start, String end, int pageSize, String bookmark) {
        return range(start, end).toBuilder()
                .setMetadata(QueryMetadata.newBuilder()
                        .setPageSize(pageSize)
                        .setBookmark(bookmark)
                        .build()
                        .toByteString())
                .build();
    }

    @Nested
    class State {

        @Test
        void get_state_returns_the_value_or_empty_bytes() throws Exception {
            state.put(NS, "k", "v", 1, 0);

            assertThat(ok(Type.GET_STATE, GetState.newBuilder().setKey("k").build())
                            .toStringUtf8())
                    .isEqualTo("v");
            assertThat(ok(Type.GET_STATE, GetState.newBuilder().setKey("absent").build()))
                    .isEmpty();
        }

        @Test
        void put_and_delete_are_recorded_as_writes() throws Exception {
            ok(Type.PUT_STATE, put("a", "1"));
            ok(Type.DEL_STATE, DelState.newBuilder().setKey("b").build());

            assertThat(rwset().getWritesList()).hasSize(2);
            assertThat(rwset().getWrites(1).getIsDelete()).isTrue();
        }

        @Test
        void empty_key_write_is_refused() throws Exception {
            assertThat(error(Type.PUT_STATE, put("", "1")))
                    .isEqualTo("PUT_STATE failed: transaction ID: tx1: key must not be an empty string");
        }

        @Test
        void metadata_is_returned_and_written() throws Exception {
            ByteString policy = ByteString.copyFromUtf8("policy");
            state.put(NS, "k", "v", 1, 0, Map.of("VALIDATION_PARAMETER", policy));

            ByteString result = ok(
                    Type.GET_STATE_METADATA,
                    GetStateMetadata.newBuilder().setKey("k").build());
            ok(
                    Type.PUT_STATE_METADATA,
                    PutStateMetadata.newBuilder()
                            .setKey("k")
                            .setMetadata(StateMetadata.newBuilder()
                                    .setMetakey("VALIDATION_PARAMETER")
                                    .setValue(ByteString.copyFromUtf8("new")))
                            .build());

            assertThat(StateMetadataResult.parseFrom(result).getEntriesList())
                    .containsExactly(StateMetadata.newBuilder()
                            .setMetakey("VALIDATION_PARAMETER")
                            .setValue(policy)
                            .build());
            assertThat(rwset().getReads(0).getKey()).isEqualTo("k");
            assertThat(rwset().getMetadataWrites(0).getEntries(0).getValue().toStringUtf8())
                    .isEqualTo("new");
        }

        @Test
        void history_returns_key_modifications() throws Exception {
            KeyModification older = KeyModification.newBuilder().setTxId("a").build();
            KeyModification newer =
                    KeyModification.newBuilder().setTxId("b").setIsDelete(true).build();
            state.addHistory(NS, "k", older).addHistory(NS, "k", newer);

            QueryResponse response = QueryResponse.parseFrom(ok(
                    Type.GET_HISTORY_FOR_KEY,
                    GetHistoryForKey.newBuilder().setKey("k").build()));

            assertThat(response.getHasMore()).isFalse();
            assertThat(response.getResultsList())
                    .extracting(r -> KeyModification.parseFrom(r.getResultBytes()))
                    .containsExactly(newer, older);
        }
    }

    @Nested
    class Ranges {

        @Test
        void results_come_in_batches_of_100_until_exhausted() throws Exception {
            putKeys(250);

            QueryResponse first = QueryResponse.parseFrom(ok(Type.GET_STATE_BY_RANGE, range("\u0001", "")));
            QueryStateNext next =
                    QueryStateNext.newBuilder().setId(first.getId()).build();
            QueryResponse second = QueryResponse.parseFrom(ok(Type.QUERY_STATE_NEXT, next));
            QueryResponse third = QueryResponse.parseFrom(ok(Type.QUERY_STATE_NEXT, next));

            assertThat(first.getHasMore()).isTrue();
            assertThat(keys(first)).hasSize(100).startsWith("k00000").endsWith("k00099");
            assertThat(second.getHasMore()).isTrue();
            assertThat(keys(second)).hasSize(100).startsWith("k00100");
            assertThat(third.getHasMore()).isFalse();
            assertThat(keys(third)).hasSize(50).endsWith("k00249");
            RangeQueryInfo info = rwset().getRangeQueriesInfo(0);
            assertThat(info.getStartKey()).isEqualTo("\u0001");
            assertThat(info.getEndKey()).isEmpty();
            assertThat(info.getItrExhausted()).isTrue();
            assertThat(info.getRawReads().getKvReadsCount()).isEqualTo(250);
        }

        @Test
        void exactly_100_results_come_in_one_final_batch() throws Exception {
            putKeys(100);

            QueryResponse response = QueryResponse.parseFrom(ok(Type.GET_STATE_BY_RANGE, range("k", "l")));

            assertThat(response.getHasMore()).isFalse();
            assertThat(keys(response)).hasSize(100);
        }

        @Test
        void abandoned_range_records_the_result_fetched_ahead_of_the_batch() throws Exception {
            putKeys(250);

            QueryResponse first = QueryResponse.parseFrom(ok(Type.GET_STATE_BY_RANGE, range("k", "l")));
            ok(
                    Type.QUERY_STATE_CLOSE,
                    QueryStateClose.newBuilder().setId(first.getId()).build());

            RangeQueryInfo info = rwset().getRangeQueriesInfo(0);
            assertThat(info.getEndKey()).isEqualTo("k00100");
            assertThat(info.getItrExhausted()).isFalse();
            assertThat(info.getRawReads().getKvReadsCount()).isEqualTo(101);
        }

        @Test
        void closed_or_unknown_iterators() throws Exception {
            putKeys(3);
            QueryResponse done = QueryResponse.parseFrom(ok(Type.GET_STATE_BY_RANGE, range("k", "")));

            QueryResponse closed = QueryResponse.parseFrom(ok(
                    Type.QUERY_STATE_CLOSE,
                    QueryStateClose.newBuilder().setId(done.getId()).build()));

            assertThat(closed)
                    .isEqualTo(QueryResponse.newBuilder()
                            .setHasMore(false)
                            .setId(done.getId())
                            .build());
            assertThat(error(
                            Type.QUERY_STATE_NEXT,
                            QueryStateNext.newBuilder().setId(done.getId()).build()))
                    .isEqualTo("QUERY_STATE_NEXT failed: transaction ID: tx1: query iterator not found");
        }

        @Test
        void pages_carry_count_and_bookmark_of_the_next_unread_key() throws Exception {
            putKeys(25);

            QueryResponse first = QueryResponse.parseFrom(ok(Type.GET_STATE_BY_RANGE, page("k", "", 10, "")));
            QueryResponse last = QueryResponse.parseFrom(ok(Type.GET_STATE_BY_RANGE, page("k", "", 10, "k00020")));

            assertThat(first.getHasMore()).isFalse();
            assertThat(keys(first)).hasSize(10).startsWith("k00000");
            assertThat(QueryResponseMetadata.parseFrom(first.getMetadata()))
                    .isEqualTo(QueryResponseMetadata.newBuilder()
                            .setFetchedRecordsCount(10)
                            .setBookmark("k00010")
                            .build());
            assertThat(keys(last)).containsExactly("k00020", "k00021", "k00022", "k00023", "k00024");
            assertThat(QueryResponseMetadata.parseFrom(last.getMetadata()).getBookmark())
                    .isEmpty();
            assertThat(rwset().getRangeQueriesInfoList())
                    .extracting(RangeQueryInfo::getStartKey)
                    .containsExactly("k", "k00020");
        }

        @Test
        void write_after_a_paginated_query_fails_with_fabric_text() throws Exception {
            ok(Type.GET_STATE_BY_RANGE, page("k", "", 10, ""));

            assertThat(error(Type.PUT_STATE, put("k", "v")))
                    .isEqualTo("PUT_STATE failed: transaction ID: tx1: txid [tx1]: unsuppored transaction."
                            + " Transaction has already performed a paginated query. Writes are not allowed");
        }
    }

    @Nested
    class Refusals {

        @Test
        void rich_queries_fail_as_on_leveldb() throws Exception {
            assertThat(error(
                            Type.GET_QUERY_RESULT,
                            GetQueryResult.newBuilder().setQuery("{}").build()))
                    .isEqualTo("GET_QUERY_RESULT failed: transaction ID: tx1: ExecuteQuery not supported for leveldb");
        }

        @Test
        void private_data_fails_as_without_collections() throws Exception {
            assertThat(error(
                            Type.GET_STATE,
                            GetState.newBuilder()
                                    .setKey("k")
                                    .setCollection("secret")
                                    .build()))
                    .isEqualTo("GET_STATE failed: transaction ID: tx1: collection mychannel/testcc/secret could not"
                            + " be found");
            assertThat(error(
                            Type.GET_PRIVATE_DATA_HASH,
                            GetState.newBuilder()
                                    .setKey("k")
                                    .setCollection("secret")
                                    .build()))
                    .isEqualTo("GET_PRIVATE_DATA_HASH failed: transaction ID: tx1: collection [secret] not defined in"
                            + " the collection config for chaincode [testcc]");
            assertThat(error(
                            Type.PURGE_PRIVATE_DATA,
                            DelState.newBuilder().setKey("k").build()))
                    .isEqualTo("PURGE_PRIVATE_DATA failed: transaction ID: tx1: only applicable for private data");
        }

        @Test
        void request_for_an_unknown_transaction_has_no_ledger_context() throws Exception {
            ChaincodeMessage reply = shim.request(
                    Type.GET_STATE, "other", GetState.newBuilder().setKey("k").build());

            assertThat(reply.getType()).isEqualTo(Type.ERROR);
            assertThat(reply.getTxid()).isEqualTo("other");
            assertThat(reply.getPayload().toStringUtf8())
                    .isEqualTo("GET_STATE failed: transaction ID: other: no ledger context");
        }

        @Test
        void message_type_the_peer_does_not_serve_is_answered_with_error() throws Exception {
            assertThat(error(Type.GET_STATE_MULTIPLE, GetState.getDefaultInstance()))
                    .isEqualTo("[tx1] Fabric side handler cannot handle message (GET_STATE_MULTIPLE) while in ready"
                            + " state");
        }
    }
}
