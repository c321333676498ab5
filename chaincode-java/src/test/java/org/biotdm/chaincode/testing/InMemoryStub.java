package org.biotdm.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * An in-memory ChaincodeStub with the peer's semantics that matter to the chaincode: reads see committed state
 * only (no read-your-writes), keys are ordered by UTF-8 bytes, partial composite keys end at U+10FFFF, plain ranges
 * refuse composite keys, paginated queries follow the bookmark rules and forbid later writes, history is newest
 * first, and the last setEvent wins. It also counts open iterators so tests can prove every one was closed.
 */
public final class InMemoryStub implements ChaincodeStub {
    private static final Comparator<String> UTF8_ORDER =
            (left, right) -> Arrays.compareUnsigned(left.getBytes(UTF_8), right.getBytes(UTF_8));
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    private final TreeMap<String, byte[]> state = new TreeMap<>(UTF8_ORDER);
    private final Map<String, byte[]> validationParameters = new TreeMap<>(UTF8_ORDER);
    private final Map<String, List<Modification>> history = new HashMap<>();

    private String txId = "";
    private Instant timestamp = Instant.EPOCH;
    private Map<String, byte[]> transientMap = Map.of();
    private final LinkedHashMap<String, byte[]> writes = new LinkedHashMap<>();
    private final LinkedHashMap<String, byte[]> metadataWrites = new LinkedHashMap<>();
    private final List<ChaincodeEvent> events = new ArrayList<>();
    private boolean paginated;
    private int openIterators;
    private List<String> args = List.of();
    private byte[] creator;

    /** Sets what the Contract API router reads: the function and arguments, and the serialized creator. */
    public void setInvocation(final List<String> invocationArgs, final byte[] serializedCreator) {
        this.args = List.copyOf(invocationArgs);
        this.creator = serializedCreator.clone();
    }

    /** Starts a transaction. */
    void begin(final String id, final Instant time, final Map<String, byte[]> transientData) {
        this.txId = id;
        this.timestamp = time;
        this.transientMap = Map.copyOf(transientData);
        writes.clear();
        metadataWrites.clear();
        events.clear();
        paginated = false;
    }

    /** Applies the transaction's writes as a valid commit would. */
    void commit() {
        writes.forEach((key, value) -> {
            if (value == null) {
                state.remove(key);
                validationParameters.remove(key);
            } else {
                state.put(key, value);
            }
            history.computeIfAbsent(key, k -> new ArrayList<>()).add(0, new Modification(txId, value, timestamp));
        });
        metadataWrites.forEach(validationParameters::put);
    }

    /** The ordered write set of the current or last transaction; a {@code null} value is a delete. */
    public Map<String, byte[]> writes() {
        return new LinkedHashMap<>(writes);
    }

    /** The validation parameters the current or last transaction set. */
    public Map<String, byte[]> metadataWrites() {
        return new LinkedHashMap<>(metadataWrites);
    }

    /** Every setEvent call of the current or last transaction. */
    public List<ChaincodeEvent> events() {
        return List.copyOf(events);
    }

    /** The committed value of a key, or {@code null}. */
    public byte[] committed(final String key) {
        return state.get(key);
    }

    /** The committed validation parameter of a key, or {@code null}. */
    public byte[] committedValidationParameter(final String key) {
        return validationParameters.get(key);
    }

    /** A copy of the whole committed state. */
    public Map<String, byte[]> committedState() {
        return new TreeMap<>(state);
    }

    /** How many iterators were opened and not closed. */
    public int openIterators() {
        return openIterators;
    }

    @Override
    public byte[] getState(final String key) {
        final byte[] value = state.get(key);
        return value == null ? new byte[0] : value.clone();
    }

    @Override
    public byte[] getStateValidationParameter(final String key) {
        return validationParameters.get(key);
    }

    @Override
    public void putState(final String key, final byte[] value) {
        checkWritable(key);
        writes.put(key, value.clone());
    }

    @Override
    public void setStateValidationParameter(final String key, final byte[] value) {
        checkWritable(key);
        metadataWrites.put(key, value.clone());
    }

    @Override
    public void delState(final String key) {
        checkWritable(key);
        writes.put(key, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(final String startKey, final String endKey) {
        return iterator(range(simple(startKey, "\u0001"), simple(endKey, "")), "");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            final String startKey, final String endKey, final int pageSize, final String bookmark) {
        return page(simple(startKey, "\u0001"), simple(endKey, ""), pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey compositeKey) {
        final String prefix = compositeKey.toString();
        return iterator(range(prefix, prefix + MAX_UNICODE_RUNE), "");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
        return getStateByPartialCompositeKey(CompositeKey.parseCompositeKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
            final String objectType, final String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            final CompositeKey compositeKey, final int pageSize, final String bookmark) {
        final String prefix = compositeKey.toString();
        return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(final String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
        final List<KeyModification> entries = new ArrayList<>(history.getOrDefault(key, List.of()));
        return iterator(entries, "");
    }

    @Override
    public void setEvent(final String name, final byte[] payload) {
        events.add(ChaincodeEvent.newBuilder()
                .setEventName(name)
                .setPayload(ByteString.copyFrom(payload))
                .setTxId(txId)
                .build());
    }

    @Override
    public ChaincodeEvent getEvent() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return "biotdm";
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return transientMap;
    }

    @Override
    public List<byte[]> getArgs() {
        final List<byte[]> out = new ArrayList<>();
        args.forEach(arg -> out.add(arg.getBytes(UTF_8)));
        return out;
    }

    @Override
    public List<String> getStringArgs() {
        return args;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : args.get(0);
    }

    @Override
    public List<String> getParameters() {
        return args.isEmpty() ? List.of() : args.subList(1, args.size());
    }

    @Override
    public Response invokeChaincode(final String chaincodeName, final List<byte[]> args, final String channel) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            final String query, final int pageSize, final String bookmark) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateData(final String collection, final String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataHash(final String collection, final String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
        throw unsupported();
    }

    @Override
    public void putPrivateData(final String collection, final String key, final byte[] value) {
        throw unsupported();
    }

    @Override
    public void setPrivateDataValidationParameter(final String collection, final String key, final byte[] value) {
        throw unsupported();
    }

    @Override
    public void delPrivateData(final String collection, final String key) {
        throw unsupported();
    }

    @Override
    public void purgePrivateData(final String collection, final String key) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(
            final String collection, final String startKey, final String endKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final String compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final CompositeKey compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final String objectType, final String... attributes) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(final String collection, final String query) {
        throw unsupported();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported();
    }

    @Override
    public byte[] getCreator() {
        if (creator == null) {
            throw unsupported();
        }
        return creator.clone();
    }

    @Override
    public byte[] getBinding() {
        throw unsupported();
    }

    @Override
    public String getMspId() {
        throw unsupported();
    }

    private void checkWritable(final String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (paginated) {
            throw new IllegalStateException("txid [" + txId + "]: transaction has already performed a paginated"
                    + " query. Writes are not allowed");
        }
    }

    private static String simple(final String key, final String whenEmpty) {
        if (key == null || key.isEmpty()) {
            return whenEmpty;
        }
        if (key.charAt(0) == CompositeKey.NAMESPACE.charAt(0)) {
            throw new IllegalArgumentException("range keys must be simple keys: " + key);
        }
        return key;
    }

    private List<KeyValue> range(final String start, final String end) {
        final NavigableMap<String, byte[]> view =
                end.isEmpty() ? state.tailMap(start, true) : state.subMap(start, true, end, false);
        final List<KeyValue> out = new ArrayList<>();
        view.forEach((key, value) -> out.add(new Entry(key, value)));
        return out;
    }

    private QueryResultsIteratorWithMetadata<KeyValue> page(
            final String start, final String end, final int pageSize, final String bookmark) {
        paginated = true;
        final List<KeyValue> all = range(bookmark == null || bookmark.isEmpty() ? start : bookmark, end);
        final List<KeyValue> pageEntries = all.subList(0, Math.min(pageSize, all.size()));
        final String next = all.size() > pageSize ? all.get(pageSize).getKey() : "";
        return iterator(new ArrayList<>(pageEntries), next);
    }

    private <T> Iterated<T> iterator(final List<T> entries, final String bookmark) {
        openIterators++;
        return new Iterated<>(entries, bookmark);
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not used by the BIoT-DM chaincode");
    }

    private final class Iterated<T> implements QueryResultsIterator<T>, QueryResultsIteratorWithMetadata<T> {
        private final List<T> entries;
        private final String bookmark;
        private boolean closed;

        Iterated(final List<T> entries, final String bookmark) {
            this.entries = entries;
            this.bookmark = bookmark;
        }

        @Override
        public Iterator<T> iterator() {
            return entries.iterator();
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return QueryResponseMetadata.newBuilder()
                    .setBookmark(bookmark)
                    .setFetchedRecordsCount(entries.size())
                    .build();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openIterators--;
            }
        }
    }

    private static final class Entry implements KeyValue {
        private final String key;
        private final byte[] value;

        Entry(final String key, final byte[] value) {
            this.key = key;
            this.value = value.clone();
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }
    }

    private static final class Modification implements KeyModification {
        private final String txId;
        private final byte[] value;
        private final Instant timestamp;

        Modification(final String txId, final byte[] value, final Instant timestamp) {
            this.txId = txId;
            this.value = value;
            this.timestamp = timestamp;
        }

        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value == null ? new byte[0] : value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(getValue(), UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return value == null;
        }
    }
}
