package org.biotdm.devnet.chaincode;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.biotdm.devnet.ledger.StateReader;
import org.biotdm.devnet.ledger.Utf8KeyComparator;
import org.biotdm.devnet.ledger.VersionedValue;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/**
 * Simulates one transaction on one peer against committed state and records its read/write set, following Fabric's
 * {@code txmgr.txSimulator}, {@code queryExecutor} and {@code rwsetutil.RWSetBuilder} (release-2.5).
 *
 * <p>Rules it keeps: reads see committed state only, never this transaction's own writes; each key read is recorded
 * once with its committed version (absent when the key does not exist); the last write to a key wins; a value-less put
 * is a delete; range queries record what was fetched ({@link RangeScan}); history reads are not recorded; paginated
 * queries are allowed only before any write and forbid writes after them. Several namespaces may be used, for
 * chaincode-to-chaincode calls on one channel.
 *
 * <p>One instance serves one transaction. Its methods are synchronized because a chaincode-to-chaincode call hands
 * the simulator from one chaincode stream's thread to another's.
 */
public final class TxSimulator {

    private static final String DONE = "this instance should not be used after calling Done()";

    private final StateReader committed;
    private final String txId;
    private final Map<String, NamespaceRwSet> namespaces = new HashMap<>(4);
    private final List<RangeScan> scans = new ArrayList<>(0);
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private boolean done;

    /**
     * Creates a simulator for one transaction.
     *
     * @param committed the peer's committed state; the caller keeps it stable (commit lock) until {@link #done()}
     * @param txId the transaction ID, used in error texts
     */
    public TxSimulator(StateReader committed, String txId) {
        this.committed = Objects.requireNonNull(committed, "committed");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    /**
     * Returns the transaction ID.
     *
     * @return the transaction ID
     */
    public String txId() {
        return txId;
    }

    /**
     * Reads a key's committed value and records the read.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @return the committed value, or null when the key does not exist
     * @throws SimulationException after {@link #done()}
     */
    public synchronized ByteString getState(String namespace, String key) throws SimulationException {
        VersionedValue value = readAndRecord(namespace, key);
        return value == null ? null : value.value();
    }

    /**
     * Reads a key's committed state metadata and records a read of the key, as Fabric's {@code GetStateMetadata}.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @return the metadata entries by name (for example {@code VALIDATION_PARAMETER}); empty when there are none
     * @throws SimulationException after {@link #done()}
     */
    public synchronized Map<String, ByteString> getStateMetadata(String namespace, String key)
            throws SimulationException {
        VersionedValue value = readAndRecord(namespace, key);
        return value == null || value.metadata() == null ? Map.of() : value.metadata();
    }

    /**
     * Records a write; an empty value records a delete, as Fabric's {@code newKVWrite} does.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @param value the value bytes
     * @throws SimulationException after a paginated query, or after {@link #done()}
     */
    public synchronized void setState(String namespace, String key, ByteString value) throws SimulationException {
        checkWritePrecondition();
        KVWrite.Builder write = KVWrite.newBuilder().setKey(key);
        if (value == null || value.isEmpty()) {
            write.setIsDelete(true);
        } else {
            write.setValue(value);
        }
        rwSet(namespace).write(write.build());
    }

    /**
     * Records a delete.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @throws SimulationException after a paginated query, or after {@link #done()}
     */
    public synchronized void deleteState(String namespace, String key) throws SimulationException {
        setState(namespace, key, ByteString.EMPTY);
    }

    /**
     * Records a metadata write that replaces all of the key's metadata with the given entries, as Fabric's {@code
     * AddToMetadataWriteSet} does; an empty map deletes the metadata.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @param metadata the entries by name
     * @throws SimulationException after a paginated query, or after {@link #done()}
     */
    public synchronized void setStateMetadata(String namespace, String key, Map<String, ByteString> metadata)
            throws SimulationException {
        checkWritePrecondition();
        List<String> names = new ArrayList<>(metadata.keySet());
        names.sort(Utf8KeyComparator.INSTANCE);
        KVMetadataWrite.Builder write = KVMetadataWrite.newBuilder().setKey(key);
        for (String name : names) {
            write.addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(metadata.get(name)));
        }
        rwSet(namespace).metadataWrite(write.build());
    }

    /**
     * Opens a range query over committed keys in {@code [startKey, endKey)}; it is recorded for phantom-read
     * validation as it is consumed.
     *
     * @param namespace the chaincode name
     * @param startKey the first key, inclusive
     * @param endKey the end key, exclusive; "" means unbounded
     * @return the scan
     * @throws SimulationException after {@link #done()}
     */
    public synchronized RangeScan getStateRangeScanIterator(String namespace, String startKey, String endKey)
            throws SimulationException {
        checkDone();
        return openScan(namespace, startKey, endKey, 0);
    }

    /**
     * Opens a paginated range query, allowed only in a transaction that has not written.
     *
     * @param namespace the chaincode name
     * @param startKey the first key, inclusive (the bookmark, when the caller resumes a page)
     * @param endKey the end key, exclusive; "" means unbounded
     * @param pageSize the page size; 0 means unlimited
     * @return the scan
     * @throws SimulationException when the transaction has written, or after {@link #done()}
     */
    public synchronized RangeScan getStateRangeScanIteratorWithPagination(
            String namespace, String startKey, String endKey, int pageSize) throws SimulationException {
        checkBeforePaginatedQuery();
        checkDone();
        return openScan(namespace, startKey, endKey, pageSize);
    }

    /**
     * Refuses a rich query as a LevelDB peer does.
     *
     * @param namespace the chaincode name
     * @param query the CouchDB query
     * @throws SimulationException always: "ExecuteQuery not supported for leveldb"
     */
    public synchronized void executeQuery(String namespace, String query) throws SimulationException {
        checkDone();
        throw new SimulationException("ExecuteQuery not supported for leveldb");
    }

    /**
     * Refuses a paginated rich query as a LevelDB peer does; like Fabric it still counts as a paginated query, so
     * later writes fail.
     *
     * @param namespace the chaincode name
     * @param query the CouchDB query
     * @param bookmark the bookmark
     * @param pageSize the page size
     * @throws SimulationException always
     */
    public synchronized void executeQueryWithPagination(String namespace, String query, String bookmark, int pageSize)
            throws SimulationException {
        checkBeforePaginatedQuery();
        checkDone();
        throw new SimulationException("ExecuteQueryWithMetadata not supported for leveldb");
    }

    /**
     * Returns a key's committed history; history reads are not part of the read/write set.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @return the modifications, newest first
     * @throws SimulationException after {@link #done()}
     */
    public synchronized List<KeyModification> getHistoryForKey(String namespace, String key)
            throws SimulationException {
        checkDone();
        return committed.history(namespace, key);
    }

    /**
     * Builds the read/write set so far: data model KV, one entry per namespace sorted by namespace, reads, writes and
     * metadata writes sorted by key in UTF-8 byte order, range query infos in query order. It may be called more than
     * once and after {@link #done()}.
     *
     * @return the read/write set
     */
    public synchronized TxReadWriteSet results() {
        for (NamespaceRwSet ns : namespaces.values()) {
            ns.clearRangeQueries();
        }
        for (RangeScan scan : scans) {
            rwSet(scan.namespace()).rangeQuery(scan.toRangeQueryInfo());
        }
        List<String> names = new ArrayList<>(namespaces.keySet());
        names.sort(Utf8KeyComparator.INSTANCE);
        TxReadWriteSet.Builder rwset = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        for (String name : names) {
            rwset.addNsRwset(namespaces.get(name).build());
        }
        return rwset.build();
    }

    /** Ends the simulation and releases open range iterators; later reads and writes fail. */
    public synchronized void done() {
        if (done) {
            return;
        }
        done = true;
        for (RangeScan scan : scans) {
            scan.close();
        }
    }

    private VersionedValue readAndRecord(String namespace, String key) throws SimulationException {
        checkDone();
        VersionedValue value = committed.get(namespace, key);
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        if (value != null && value.version() != null) {
            read.setVersion(value.version().toProto());
        }
        rwSet(namespace).read(read.build());
        return value;
    }

    private RangeScan openScan(String namespace, String startKey, String endKey, int pageSize) {
        RangeScan scan = new RangeScan(
                this, namespace, startKey, endKey, committed.range(namespace, startKey, endKey), pageSize);
        scans.add(scan);
        return scan;
    }

    private NamespaceRwSet rwSet(String namespace) {
        return namespaces.computeIfAbsent(namespace, NamespaceRwSet::new);
    }

    private void checkDone() throws SimulationException {
        if (done) {
            throw new SimulationException(DONE);
        }
    }

    private void checkWritePrecondition() throws SimulationException {
        checkDone();
        if (paginatedQueryPerformed) {
            throw new SimulationException("txid [" + txId + "]: unsuppored transaction. Transaction has already"
                    + " performed a paginated query. Writes are not allowed");
        }
        writePerformed = true;
    }

    private void checkBeforePaginatedQuery() throws SimulationException {
        if (writePerformed) {
            throw new SimulationException("txid [" + txId + "]: unsuppored transaction. Paginated queries are"
                    + " supported only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
    }
}
