package org.biotdm.devnet.chaincode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.biotdm.devnet.ledger.Utf8KeyComparator;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * The public read/write set of one namespace while a transaction runs, as Fabric's {@code rwsetutil.nsPubRwBuilder}:
 * one entry per key (a re-read or re-write replaces the entry), range queries in the order they were made with
 * duplicates (same start, end and exhaustion) dropped.
 */
final class NamespaceRwSet {

    private final String namespace;
    private final Map<String, KVRead> reads = new HashMap<>();
    private final Map<String, KVWrite> writes = new HashMap<>();
    private final Map<String, KVMetadataWrite> metadataWrites = new HashMap<>();
    private final List<RangeQueryInfo> rangeQueries = new ArrayList<>(0);
    private final Set<List<Object>> rangeQueryKeys = new HashSet<>();

    NamespaceRwSet(String namespace) {
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    void read(KVRead read) {
        reads.put(read.getKey(), read);
    }

    void write(KVWrite write) {
        writes.put(write.getKey(), write);
    }

    void metadataWrite(KVMetadataWrite write) {
        metadataWrites.put(write.getKey(), write);
    }

    boolean hasRangeQueries() {
        return !rangeQueries.isEmpty();
    }

    /** Adds a range query unless an identical one (same start, end and exhaustion) is already recorded. */
    void rangeQuery(RangeQueryInfo info) {
        if (rangeQueryKeys.add(List.of(info.getStartKey(), info.getEndKey(), info.getItrExhausted()))) {
            rangeQueries.add(info);
        }
    }

    /** Drops the range queries, which the simulator re-adds from its scans every time it builds results. */
    void clearRangeQueries() {
        rangeQueries.clear();
        rangeQueryKeys.clear();
    }

    /** Builds the namespace's entry with reads, writes and metadata writes sorted by key in UTF-8 byte order. */
    NsReadWriteSet build() {
        KVRWSet kv = KVRWSet.newBuilder()
                .addAllReads(sorted(reads, KVRead::getKey))
                .addAllRangeQueriesInfo(rangeQueries)
                .addAllWrites(sorted(writes, KVWrite::getKey))
                .addAllMetadataWrites(sorted(metadataWrites, KVMetadataWrite::getKey))
                .build();
        return NsReadWriteSet.newBuilder()
                .setNamespace(namespace)
                .setRwset(kv.toByteString())
                .build();
    }

    private static <T> List<T> sorted(Map<String, T> entries, Function<T, String> key) {
        List<T> list = new ArrayList<>(entries.values());
        list.sort((a, b) -> Utf8KeyComparator.compareKeys(key.apply(a), key.apply(b)));
        return list;
    }
}
