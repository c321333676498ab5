package org.biotdm.devnet.chaincode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.biotdm.devnet.ledger.VersionedValue;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * A range query over committed state that records what it fetched for phantom-read validation, as Fabric's {@code
 * txmgr.resultsItr} does: the recorded end key is the last key pulled until the underlying iterator reports
 * exhaustion, and then the requested end key with {@code itr_exhausted = true}. The validator re-runs exactly that
 * range, so the record reflects what the peer fetched (including a result pulled ahead of a batch), not what the
 * chaincode consumed.
 *
 * <p>Raw reads are always recorded (Fabric switches to a Merkle summary above 50 results; validators accept both).
 */
final class RangeScan {

    private final Object lock;
    private final String namespace;
    private final String startKey;
    private final String requestedEndKey;
    private final Iterator<VersionedValue> source;
    private final int pageLimit;
    private final List<KVRead> rawReads = new ArrayList<>();
    private String endKey = "";
    private boolean exhausted;
    private boolean closed;

    RangeScan(
            Object lock, String namespace, String startKey, String endKey, Iterator<VersionedValue> source, int limit) {
        this.lock = lock;
        this.namespace = namespace;
        this.startKey = startKey;
        this.requestedEndKey = endKey;
        this.source = source;
        this.pageLimit = limit;
    }

    /**
     * Returns the chaincode namespace the scan reads.
     *
     * @return the namespace
     */
    public String namespace() {
        return namespace;
    }

    /**
     * Fetches the next committed entry and records it.
     *
     * @return the entry, or null when the range (or the page limit of a paginated scan) is exhausted or the scan is
     *     closed
     */
    public VersionedValue next() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            if ((pageLimit > 0 && rawReads.size() >= pageLimit) || !source.hasNext()) {
                exhausted = true;
                endKey = requestedEndKey;
                return null;
            }
            VersionedValue value = source.next();
            KVRead.Builder read = KVRead.newBuilder().setKey(value.key());
            if (value.version() != null) {
                read.setVersion(value.version().toProto());
            }
            rawReads.add(read.build());
            endKey = value.key();
            return value;
        }
    }

    /**
     * Returns the key following the last fetched one without recording it, then closes the scan, as LevelDB's {@code
     * kvScanner.GetBookmarkAndClose} computes a pagination bookmark.
     *
     * @return the next unread key, or "" when there is none
     */
    public String bookmarkAndClose() {
        synchronized (lock) {
            String bookmark = !closed && source.hasNext() ? source.next().key() : "";
            close();
            return bookmark;
        }
    }

    /** Releases the underlying iterator; later calls to {@link #next()} return null and record nothing. */
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) { // NOPMD - AvoidCatchingGenericException: AutoCloseable declares Exception
                    // Closing a read-only in-memory or file iterator has nothing to report to the chaincode.
                }
            }
        }
    }

    /** Builds the {@code RangeQueryInfo} for the read/write set; the caller holds the simulator's lock. */
    RangeQueryInfo toRangeQueryInfo() {
        RangeQueryInfo.Builder info = RangeQueryInfo.newBuilder()
                .setStartKey(startKey)
                .setEndKey(endKey)
                .setItrExhausted(exhausted);
        if (!rawReads.isEmpty()) {
            // Fabric leaves reads_info unset when nothing was fetched (rwsetutil.SetRawReads is skipped).
            info.setRawReads(QueryReads.newBuilder().addAllKvReads(rawReads));
        }
        return info.build();
    }
}
