package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biotdm.devnet.ledger.VersionedValue;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TxSimulatorTest {

    private static final String NS = "testcc";
    private static final String TX = "tx1";

    private final InMemoryState state = new InMemoryState();
    private final TxSimulator simulator = new TxSimulator(state, TX);

    private static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static KVRWSet kv(TxReadWriteSet rwset, String namespace) throws InvalidProtocolBufferException {
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            if (ns.getNamespace().equals(namespace)) {
                return KVRWSet.parseFrom(ns.getRwset());
            }
        }
        throw new AssertionError("no namespace " + namespace + " in " + rwset);
    }

    private static Version version(long block, long tx) {
        return Version.newBuilder().setBlockNum(block).setTxNum(tx).build();
    }

    private static List<String> drain(RangeScan scan) {
        List<String> keys = new ArrayList<>();
        for (VersionedValue v = scan.next(); v != null; v = scan.next()) {
            keys.add(v.key());
        }
        return keys;
    }

    @Nested
    class Reads {

        @Test
        void reads_see_committed_state_not_own_writes() throws Exception {
            state.put(NS, "k", "committed", 3, 1);
            simulator.setState(NS, "k", utf8("mine"));
            simulator.setState(NS, "new", utf8("mine"));

            assertThat(simulator.getState(NS, "k")).isEqualTo(utf8("committed"));
            assertThat(simulator.getState(NS, "new")).isNull();
        }

        @Test
        void records_one_read_per_key_with_committed_version() throws Exception {
            state.put(NS, "k", "v", 3, 1);

            simulator.getState(NS, "k");
            simulator.getState(NS, "k");

            assertThat(kv(simulator.results(), NS).getReadsList())
                    .containsExactly(KVRead.newBuilder()
                            .setKey("k")
                            .setVersion(version(3, 1))
                            .build());
        }

        @Test
        void records_absent_key_without_version() throws Exception {
            assertThat(simulator.getState(NS, "missing")).isNull();

            KVRead read = kv(simulator.results(), NS).getReads(0);
            assertThat(read.getKey()).isEqualTo("missing");
            assertThat(read.hasVersion()).isFalse();
        }

        @Test
        void metadata_read_returns_entries_and_records_a_read() throws Exception {
            ByteString policy = utf8("policy-bytes");
            state.put(NS, "k", "v", 2, 0, Map.of("VALIDATION_PARAMETER", policy));

            assertThat(simulator.getStateMetadata(NS, "k")).containsEntry("VALIDATION_PARAMETER", policy);
            assertThat(simulator.getStateMetadata(NS, "absent")).isEmpty();
            assertThat(kv(simulator.results(), NS).getReadsList())
                    .extracting(KVRead::getKey)
                    .containsExactly("absent", "k");
        }

        @Test
        void history_is_returned_but_not_recorded() throws Exception {
            KeyModification modification = KeyModification.newBuilder()
                    .setTxId("old")
                    .setValue(utf8("v"))
                    .build();
            state.addHistory(NS, "k", modification);

            assertThat(simulator.getHistoryForKey(NS, "k")).containsExactly(modification);
            assertThat(simulator.results().getNsRwsetList()).isEmpty();
        }
    }

    @Nested
    class Writes {

        @Test
        void last_write_to_a_key_wins() throws Exception {
            simulator.setState(NS, "k", utf8("first"));
            simulator.setState(NS, "k", utf8("second"));

            assertThat(kv(simulator.results(), NS).getWritesList())
                    .containsExactly(KVWrite.newBuilder()
                            .setKey("k")
                            .setValue(utf8("second"))
                            .build());
        }

        @Test
        void delete_and_empty_value_both_record_a_delete() throws Exception {
            simulator.setState(NS, "a", utf8("x"));
            simulator.deleteState(NS, "a");
            simulator.setState(NS, "b", ByteString.EMPTY);

            assertThat(kv(simulator.results(), NS).getWritesList())
                    .containsExactly(
                            KVWrite.newBuilder().setKey("a").setIsDelete(true).build(),
                            KVWrite.newBuilder().setKey("b").setIsDelete(true).build());
        }

        @Test
        void metadata_write_replaces_earlier_metadata_write_of_the_key() throws Exception {
            simulator.setStateMetadata(NS, "k", Map.of("A", utf8("1")));
            simulator.setStateMetadata(NS, "k", Map.of("VALIDATION_PARAMETER", utf8("p"), "B", utf8("2")));

            assertThat(kv(simulator.results(), NS).getMetadataWrites(0).getEntriesList())
                    .containsExactly(
                            KVMetadataEntry.newBuilder()
                                    .setName("B")
                                    .setValue(utf8("2"))
                                    .build(),
                            KVMetadataEntry.newBuilder()
                                    .setName("VALIDATION_PARAMETER")
                                    .setValue(utf8("p"))
                                    .build());
        }
    }

    @Nested
    class RangeQueries {

        @Test
        void partially_consumed_range_records_the_last_key_pulled() throws Exception {
            state.put(NS, "a", "1", 1, 0).put(NS, "b", "2", 1, 1).put(NS, "c", "3", 1, 2);

            RangeScan scan = simulator.getStateRangeScanIterator(NS, "a", "z");
            scan.next();
            scan.next();

            RangeQueryInfo info = kv(simulator.results(), NS).getRangeQueriesInfo(0);
            assertThat(info.getStartKey()).isEqualTo("a");
            assertThat(info.getEndKey()).isEqualTo("b");
            assertThat(info.getItrExhausted()).isFalse();
            assertThat(info.getRawReads().getKvReadsList())
                    .containsExactly(
                            KVRead.newBuilder()
                                    .setKey("a")
                                    .setVersion(version(1, 0))
                                    .build(),
                            KVRead.newBuilder()
                                    .setKey("b")
                                    .setVersion(version(1, 1))
                                    .build());
        }

        @Test
        void exhausted_range_records_the_requested_end_key() throws Exception {
            state.put(NS, "a", "1", 1, 0).put(NS, "b", "2", 1, 1);

            assertThat(drain(simulator.getStateRangeScanIterator(NS, "a", "z"))).containsExactly("a", "b");

            RangeQueryInfo info = kv(simulator.results(), NS).getRangeQueriesInfo(0);
            assertThat(info.getEndKey()).isEqualTo("z");
            assertThat(info.getItrExhausted()).isTrue();
            assertThat(info.getRawReads().getKvReadsCount()).isEqualTo(2);
        }

        @Test
        void empty_range_records_no_reads_info() throws Exception {
            assertThat(drain(simulator.getStateRangeScanIterator(NS, "a", ""))).isEmpty();

            RangeQueryInfo info = kv(simulator.results(), NS).getRangeQueriesInfo(0);
            assertThat(info.getItrExhausted()).isTrue();
            assertThat(info.getReadsInfoCase()).isEqualTo(RangeQueryInfo.ReadsInfoCase.READSINFO_NOT_SET);
        }

        @Test
        void range_reads_do_not_enter_the_read_set_and_ignore_own_writes() throws Exception {
            state.put(NS, "a", "1", 1, 0);
            simulator.setState(NS, "b", utf8("mine"));

            assertThat(drain(simulator.getStateRangeScanIterator(NS, "", ""))).containsExactly("a");
            assertThat(kv(simulator.results(), NS).getReadsList()).isEmpty();
        }

        @Test
        void identical_range_queries_are_recorded_once_in_query_order() throws Exception {
            state.put(NS, "a", "1", 1, 0);
            drain(simulator.getStateRangeScanIterator(NS, "m", "n"));
            drain(simulator.getStateRangeScanIterator(NS, "a", "b"));
            drain(simulator.getStateRangeScanIterator(NS, "m", "n"));

            assertThat(kv(simulator.results(), NS).getRangeQueriesInfoList())
                    .extracting(RangeQueryInfo::getStartKey)
                    .containsExactly("m", "a");
        }

        @Test
        void bookmark_is_the_next_unread_key_and_is_not_recorded() throws Exception {
            state.put(NS, "a", "1", 1, 0).put(NS, "b", "2", 1, 1);
            RangeScan scan = simulator.getStateRangeScanIteratorWithPagination(NS, "a", "", 1);

            assertThat(scan.next().key()).isEqualTo("a");
            assertThat(scan.bookmarkAndClose()).isEqualTo("b");
            assertThat(scan.next()).isNull();
            RangeQueryInfo info = kv(simulator.results(), NS).getRangeQueriesInfo(0);
            assertThat(info.getEndKey()).isEqualTo("a");
            assertThat(info.getItrExhausted()).isFalse();
        }

        @Test
        void paginated_scan_stops_at_its_page_size() throws Exception {
            state.put(NS, "a", "1", 1, 0).put(NS, "b", "2", 1, 1);

            assertThat(drain(simulator.getStateRangeScanIteratorWithPagination(NS, "a", "", 1)))
                    .containsExactly("a");
        }
    }

    @Nested
    class Pagination {

        @Test
        void paginated_query_after_a_write_is_refused() throws Exception {
            simulator.setState(NS, "k", utf8("v"));

            assertThatThrownBy(() -> simulator.getStateRangeScanIteratorWithPagination(NS, "a", "", 10))
                    .isInstanceOf(SimulationException.class)
                    .hasMessage("txid [tx1]: unsuppored transaction. Paginated queries are supported only in a"
                            + " read-only transaction");
        }

        @Test
        void write_after_a_paginated_query_is_refused() throws Exception {
            simulator.getStateRangeScanIteratorWithPagination(NS, "a", "", 10);

            assertThatThrownBy(() -> simulator.setState(NS, "k", utf8("v")))
                    .isInstanceOf(SimulationException.class)
                    .hasMessage("txid [tx1]: unsuppored transaction. Transaction has already performed a paginated"
                            + " query. Writes are not allowed");
        }

        @Test
        void refused_paginated_rich_query_still_forbids_writes() {
            assertThatThrownBy(() -> simulator.executeQueryWithPagination(NS, "{}", "", 5))
                    .hasMessage("ExecuteQueryWithMetadata not supported for leveldb");
            assertThatThrownBy(() -> simulator.deleteState(NS, "k")).hasMessageContaining("paginated query");
        }

        @Test
        void rich_query_is_refused_as_on_leveldb() {
            assertThatThrownBy(() -> simulator.executeQuery(NS, "{\"selector\":{}}"))
                    .isInstanceOf(SimulationException.class)
                    .hasMessage("ExecuteQuery not supported for leveldb");
        }
    }

    @Nested
    class Results {

        @Test
        void keys_and_namespaces_sort_in_utf8_byte_order() throws Exception {
            String bmpHigh = "\uFFFF";
            String supplementary = "\uD83D\uDE00"; // U+1F600: below U+FFFF in UTF-16 order, above it in UTF-8
            simulator.setState(NS, supplementary, utf8("1"));
            simulator.setState(NS, bmpHigh, utf8("2"));
            simulator.setState(NS, "a", utf8("3"));
            simulator.getState(NS, supplementary);
            simulator.getState(NS, bmpHigh);
            simulator.setState("other" + supplementary, "k", utf8("x"));
            simulator.setState("other" + bmpHigh, "k", utf8("x"));

            TxReadWriteSet rwset = simulator.results();

            assertThat(rwset.getDataModel()).isEqualTo(TxReadWriteSet.DataModel.KV);
            assertThat(rwset.getNsRwsetList())
                    .extracting(NsReadWriteSet::getNamespace)
                    .containsExactly("other" + bmpHigh, "other" + supplementary, NS);
            KVRWSet kv = kv(rwset, NS);
            assertThat(kv.getWritesList()).extracting(KVWrite::getKey).containsExactly("a", bmpHigh, supplementary);
            assertThat(kv.getReadsList()).extracting(KVRead::getKey).containsExactly(bmpHigh, supplementary);
        }

        @Test
        void each_namespace_keeps_its_own_reads_and_writes() throws Exception {
            state.put("callee", "k", "v", 4, 2);
            simulator.setState(NS, "k", utf8("caller"));
            simulator.getState("callee", "k");

            TxReadWriteSet rwset = simulator.results();

            assertThat(kv(rwset, NS).getReadsList()).isEmpty();
            assertThat(kv(rwset, "callee").getReads(0).getVersion()).isEqualTo(version(4, 2));
            assertThat(kv(rwset, "callee").getWritesList()).isEmpty();
        }

        @Test
        void results_can_be_built_twice_with_the_same_bytes() throws Exception {
            state.put(NS, "a", "1", 1, 0);
            drain(simulator.getStateRangeScanIterator(NS, "a", "b"));
            simulator.setState(NS, "k", utf8("v"));

            assertThat(simulator.results().toByteString())
                    .isEqualTo(simulator.results().toByteString());
        }
    }

    @Nested
    class Done {

        @Test
        void use_after_done_is_refused_and_scans_are_closed() throws Exception {
            state.put(NS, "a", "1", 1, 0);
            RangeScan scan = simulator.getStateRangeScanIterator(NS, "", "");

            simulator.done();

            assertThat(scan.next()).isNull();
            assertThatThrownBy(() -> simulator.getState(NS, "a"))
                    .hasMessage("this instance should not be used after calling Done()");
            assertThatThrownBy(() -> simulator.setState(NS, "a", utf8("v")))
                    .hasMessage("this instance should not be used after calling Done()");
        }
    }
}
