package org.biotdm.devnet.chaincode;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.biotdm.devnet.ledger.VersionedValue;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;

/**
 * An open chaincode query (range or history) and its batching state, as Fabric's {@code QueryResponseGenerator} with
 * {@code MaxResultLimit = 100} keeps it: a plain query returns batches of 100 results with {@code has_more = true}
 * only when a 101st result was already fetched, so the next batch is never empty; a paginated query returns one page
 * with {@code QueryResponseMetadata{fetched_records_count, bookmark}} and {@code has_more = false}.
 */
final class PendingQuery {

    /** Results per batch between peer and shim ({@code QueryResponseGenerator.MaxResultLimit}). */
    static final int MAX_RESULT_LIMIT = 100;

    /** Results per query ({@code ledger.state.totalQueryLimit} default). */
    static final int TOTAL_QUERY_LIMIT = 100_000;

    /** Where results come from. */
    interface Source {
        /** Returns the next serialized result, or null when exhausted. */
        ByteString next();

        /** Returns the next unread key (or "") and closes. */
        String bookmarkAndClose();

        void close();
    }

    private final Source source;
    private final boolean paginated;
    private final int limit;
    private int returned;
    private QueryResultBytes carried;
    private boolean finished;

    private PendingQuery(Source source, boolean paginated, int limit) {
        this.source = source;
        this.paginated = paginated;
        this.limit = limit;
    }

    /** Creates a query over a range scan; its results are {@code queryresult.KV}. */
    static PendingQuery range(RangeScan scan, boolean paginated, int limit) {
        return new PendingQuery(new RangeSource(scan), paginated, limit);
    }

    /** Creates a query over a key's history; its results are {@code queryresult.KeyModification}. */
    static PendingQuery history(List<KeyModification> modifications) {
        Iterator<KeyModification> iterator = modifications.iterator();
        return new PendingQuery(
                new Source() {
                    @Override
                    public ByteString next() {
                        return iterator.hasNext() ? iterator.next().toByteString() : null;
                    }

                    @Override
                    public String bookmarkAndClose() {
                        return "";
                    }

                    @Override
                    public void close() {
                        // A list holds no resources.
                    }
                },
                false,
                TOTAL_QUERY_LIMIT);
    }

    /** Reports whether the last response ended the query, so it must be forgotten (and is already closed). */
    boolean finished() {
        return finished;
    }

    /** Builds the next response, fetching as Fabric's {@code BuildQueryResponse} does. */
    QueryResponse nextResponse(String id) {
        List<QueryResultBytes> batch = new ArrayList<>(Math.min(limit, MAX_RESULT_LIMIT));
        if (carried != null) {
            batch.add(carried);
            carried = null;
        }
        while (returned < limit) {
            ByteString result = source.next();
            if (result == null) {
                break;
            }
            QueryResultBytes bytes =
                    QueryResultBytes.newBuilder().setResultBytes(result).build();
            returned++;
            if (!paginated && batch.size() == MAX_RESULT_LIMIT) {
                carried = bytes;
                return QueryResponse.newBuilder()
                        .addAllResults(batch)
                        .setHasMore(true)
                        .setId(id)
                        .build();
            }
            batch.add(bytes);
        }
        finished = true;
        QueryResponse.Builder response = QueryResponse.newBuilder()
                .addAllResults(batch)
                .setHasMore(false)
                .setId(id);
        if (paginated) {
            response.setMetadata(QueryResponseMetadata.newBuilder()
                    .setFetchedRecordsCount(returned)
                    .setBookmark(source.bookmarkAndClose())
                    .build()
                    .toByteString());
        } else {
            source.close();
        }
        return response.build();
    }

    /** Closes the query early (QUERY_STATE_CLOSE, or the transaction ended). */
    void close() {
        source.close();
    }

    private record RangeSource(RangeScan scan) implements Source {
        @Override
        public ByteString next() {
            VersionedValue value = scan.next();
            if (value == null) {
                return null;
            }
            return KV.newBuilder()
                    .setNamespace(scan.namespace())
                    .setKey(value.key())
                    .setValue(value.value())
                    .build()
                    .toByteString();
        }

        @Override
        public String bookmarkAndClose() {
            return scan.bookmarkAndClose();
        }

        @Override
        public void close() {
            scan.close();
        }
    }
}
