package org.biotdm.devnet.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.biotdm.devnet.ledger.StateReader;
import org.biotdm.devnet.ledger.Utf8KeyComparator;
import org.biotdm.devnet.ledger.Version;
import org.biotdm.devnet.ledger.VersionedValue;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/** A committed world state and history in memory, ordered by UTF-8 bytes, for simulator and handler tests. */
final class InMemoryState implements StateReader {

    private final Map<String, NavigableMap<String, VersionedValue>> state = new HashMap<>();
    private final Map<String, Map<String, List<KeyModification>>> history = new HashMap<>();

    /** Puts a committed value without metadata. */
    InMemoryState put(String namespace, String key, String value, long blockNum, long txNum) {
        return put(namespace, key, value, blockNum, txNum, Map.of());
    }

    /** Puts a committed value with metadata. */
    synchronized InMemoryState put(
            String namespace, String key, String value, long blockNum, long txNum, Map<String, ByteString> metadata) {
        namespace(namespace)
                .put(
                        key,
                        new VersionedValue(
                                key, ByteString.copyFromUtf8(value), new Version(blockNum, txNum), metadata));
        return this;
    }

    /** Adds a history entry for a key (entries are kept newest first, so add oldest first). */
    synchronized InMemoryState addHistory(String namespace, String key, KeyModification modification) {
        history.computeIfAbsent(namespace, n -> new HashMap<>())
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(0, modification);
        return this;
    }

    /** Applies a read/write set's writes and metadata writes as a valid transaction at (block, tx). */
    synchronized void commit(TxReadWriteSet rwset, long blockNum, long txNum, String txId)
            throws InvalidProtocolBufferException {
        Instant now = Instant.now();
        Timestamp timestamp = Timestamp.newBuilder()
                .setSeconds(now.getEpochSecond())
                .setNanos(now.getNano())
                .build();
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
            NavigableMap<String, VersionedValue> entries = namespace(ns.getNamespace());
            for (KVWrite write : kv.getWritesList()) {
                VersionedValue old = entries.get(write.getKey());
                if (write.getIsDelete()) {
                    entries.remove(write.getKey());
                } else {
                    Map<String, ByteString> metadata = old == null ? Map.of() : old.metadata();
                    entries.put(
                            write.getKey(),
                            new VersionedValue(
                                    write.getKey(), write.getValue(), new Version(blockNum, txNum), metadata));
                }
                addHistory(
                        ns.getNamespace(),
                        write.getKey(),
                        KeyModification.newBuilder()
                                .setTxId(txId)
                                .setValue(write.getValue())
                                .setTimestamp(timestamp)
                                .setIsDelete(write.getIsDelete())
                                .build());
            }
            for (KVMetadataWrite write : kv.getMetadataWritesList()) {
                VersionedValue old = entries.get(write.getKey());
                if (old != null) {
                    Map<String, ByteString> metadata = new LinkedHashMap<>();
                    for (KVMetadataEntry entry : write.getEntriesList()) {
                        metadata.put(entry.getName(), entry.getValue());
                    }
                    entries.put(
                            write.getKey(),
                            new VersionedValue(write.getKey(), old.value(), new Version(blockNum, txNum), metadata));
                }
            }
        }
    }

    @Override
    public synchronized VersionedValue get(String namespace, String key) {
        return namespace(namespace).get(key);
    }

    @Override
    public synchronized Iterator<VersionedValue> range(String namespace, String startKey, String endKey) {
        NavigableMap<String, VersionedValue> entries = namespace(namespace);
        if (!endKey.isEmpty() && Utf8KeyComparator.compareKeys(startKey, endKey) >= 0) {
            return List.<VersionedValue>of().iterator();
        }
        NavigableMap<String, VersionedValue> range =
                endKey.isEmpty() ? entries.tailMap(startKey, true) : entries.subMap(startKey, true, endKey, false);
        return new ArrayList<>(range.values()).iterator();
    }

    @Override
    public synchronized List<KeyModification> history(String namespace, String key) {
        return List.copyOf(history.getOrDefault(namespace, Map.of()).getOrDefault(key, List.of()));
    }

    private NavigableMap<String, VersionedValue> namespace(String namespace) {
        return state.computeIfAbsent(namespace, n -> new TreeMap<>(Utf8KeyComparator.INSTANCE));
    }
}
