package org.biotdm.devnet.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.biotdm.devnet.ledger.Utf8KeyComparator;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the shim's requests for one stream, as the {@code Handle*} functions of Fabric's {@code
 * core/chaincode/handler.go}. Every answer is RESPONSE or ERROR with the request's txid and channel ID; an ERROR
 * payload reads {@code "<TYPE> failed: transaction ID: <txid>: <reason>"}.
 */
final class ShimRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ShimRequests.class);

    private final ChaincodeSupport support;
    private final ChaincodeHandler handler;

    ShimRequests(ChaincodeSupport support, ChaincodeHandler handler) {
        this.support = support;
        this.handler = handler;
    }

    /** Answers one request; it never throws. */
    ChaincodeMessage handle(ChaincodeMessage request) {
        Type type = request.getType();
        if (!isRequest(type)) {
            return reply(
                    request,
                    Type.ERROR,
                    "[" + request.getTxid() + "] Fabric side handler cannot handle message (" + type
                            + ") while in ready state");
        }
        try {
            TransactionContext context = handler.context(request.getChannelId(), request.getTxid());
            if (context == null) {
                throw new RequestException(
                        type == Type.INVOKE_CHAINCODE ? "could not get valid transaction" : "no ledger context");
            }
            return reply(request, Type.RESPONSE, dispatch(type, request.getPayload(), context));
        } catch (RequestException | SimulationException e) {
            return failed(request, e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            return failed(request, "unmarshal failed: " + e.getMessage());
        } catch (RuntimeException e) { // NOPMD - AvoidCatchingGenericException: answer like Fabric's panic recovery
            LOG.warn("{}: {} failed for transaction {}", support.peerName(), type, request.getTxid(), e);
            return reply(
                    request,
                    Type.ERROR,
                    type + " failed: transaction ID: " + request.getTxid() + ": panic during execution");
        }
    }

    private static boolean isRequest(Type type) {
        return switch (type) {
            case GET_STATE,
                    PUT_STATE,
                    DEL_STATE,
                    GET_STATE_METADATA,
                    PUT_STATE_METADATA,
                    GET_STATE_BY_RANGE,
                    QUERY_STATE_NEXT,
                    QUERY_STATE_CLOSE,
                    GET_QUERY_RESULT,
                    GET_HISTORY_FOR_KEY,
                    GET_PRIVATE_DATA_HASH,
                    PURGE_PRIVATE_DATA,
                    INVOKE_CHAINCODE -> true;
            default -> false;
        };
    }

    private ByteString dispatch(Type type, ByteString payload, TransactionContext context)
            throws RequestException, SimulationException, InvalidProtocolBufferException {
        return switch (type) {
            case GET_STATE -> getState(GetState.parseFrom(payload), context);
            case PUT_STATE -> putState(PutState.parseFrom(payload), context);
            case DEL_STATE -> delState(DelState.parseFrom(payload), context);
            case GET_STATE_METADATA -> getStateMetadata(GetStateMetadata.parseFrom(payload), context);
            case PUT_STATE_METADATA -> putStateMetadata(PutStateMetadata.parseFrom(payload), context);
            case GET_STATE_BY_RANGE -> getStateByRange(GetStateByRange.parseFrom(payload), context);
            case QUERY_STATE_NEXT -> queryStateNext(QueryStateNext.parseFrom(payload), context);
            case QUERY_STATE_CLOSE -> queryStateClose(QueryStateClose.parseFrom(payload), context);
            case GET_QUERY_RESULT -> getQueryResult(GetQueryResult.parseFrom(payload), context);
            case GET_HISTORY_FOR_KEY -> getHistoryForKey(GetHistoryForKey.parseFrom(payload), context);
            case GET_PRIVATE_DATA_HASH -> getPrivateDataHash(GetState.parseFrom(payload), context);
            case PURGE_PRIVATE_DATA -> purgePrivateData(DelState.parseFrom(payload), context);
            case INVOKE_CHAINCODE -> invokeChaincode(ChaincodeSpec.parseFrom(payload), context);
            default -> throw new IllegalStateException("not a request: " + type);
        };
    }

    private static ByteString getState(GetState request, TransactionContext context)
            throws RequestException, SimulationException {
        refuseCollection(request.getCollection(), context);
        ByteString value = context.simulator().getState(context.namespace(), request.getKey());
        return value == null ? ByteString.EMPTY : value;
    }

    private static ByteString putState(PutState request, TransactionContext context)
            throws RequestException, SimulationException {
        refuseCollection(request.getCollection(), context);
        context.simulator().setState(context.namespace(), validKey(request.getKey()), request.getValue());
        return ByteString.EMPTY;
    }

    private static ByteString delState(DelState request, TransactionContext context)
            throws RequestException, SimulationException {
        refuseCollection(request.getCollection(), context);
        // Neither shim validates delete keys and LevelDB accepts any key, so an empty key is deleted like Fabric.
        context.simulator().deleteState(context.namespace(), request.getKey());
        return ByteString.EMPTY;
    }

    private static ByteString getStateMetadata(GetStateMetadata request, TransactionContext context)
            throws RequestException, SimulationException {
        refuseCollection(request.getCollection(), context);
        Map<String, ByteString> metadata = context.simulator().getStateMetadata(context.namespace(), request.getKey());
        List<String> names = new ArrayList<>(metadata.keySet());
        names.sort(Utf8KeyComparator.INSTANCE);
        StateMetadataResult.Builder result = StateMetadataResult.newBuilder();
        for (String name : names) {
            result.addEntries(StateMetadata.newBuilder().setMetakey(name).setValue(metadata.get(name)));
        }
        return result.build().toByteString();
    }

    private static ByteString putStateMetadata(PutStateMetadata request, TransactionContext context)
            throws RequestException, SimulationException {
        refuseCollection(request.getCollection(), context);
        StateMetadata entry = request.getMetadata();
        context.simulator()
                .setStateMetadata(
                        context.namespace(), validKey(request.getKey()), Map.of(entry.getMetakey(), entry.getValue()));
        return ByteString.EMPTY;
    }

    private static ByteString getStateByRange(GetStateByRange request, TransactionContext context)
            throws RequestException, SimulationException, InvalidProtocolBufferException {
        QueryMetadata metadata = queryMetadata(request.getMetadata());
        int limit = totalReturnLimit(metadata);
        refuseCollection(request.getCollection(), context);
        TxSimulator simulator = context.simulator();
        PendingQuery query;
        if (isPaginated(metadata)) {
            String start = metadata.getBookmark().isEmpty() ? request.getStartKey() : metadata.getBookmark();
            query = PendingQuery.range(
                    simulator.getStateRangeScanIteratorWithPagination(
                            context.namespace(), start, request.getEndKey(), metadata.getPageSize()),
                    true,
                    limit);
        } else {
            query = PendingQuery.range(
                    simulator.getStateRangeScanIterator(
                            context.namespace(), request.getStartKey(), request.getEndKey()),
                    false,
                    limit);
        }
        return firstResponse(query, context);
    }

    private static ByteString queryStateNext(QueryStateNext request, TransactionContext context)
            throws RequestException {
        PendingQuery query = context.query(request.getId());
        if (query == null) {
            throw new RequestException("query iterator not found");
        }
        QueryResponse response = query.nextResponse(request.getId());
        if (query.finished()) {
            context.removeQuery(request.getId());
        }
        return response.toByteString();
    }

    private static ByteString queryStateClose(QueryStateClose request, TransactionContext context) {
        context.removeQuery(request.getId());
        return QueryResponse.newBuilder()
                .setHasMore(false)
                .setId(request.getId())
                .build()
                .toByteString();
    }

    private static ByteString getQueryResult(GetQueryResult request, TransactionContext context)
            throws RequestException, SimulationException, InvalidProtocolBufferException {
        QueryMetadata metadata = queryMetadata(request.getMetadata());
        refuseCollection(request.getCollection(), context);
        if (isPaginated(metadata)) {
            context.simulator()
                    .executeQueryWithPagination(
                            context.namespace(), request.getQuery(), metadata.getBookmark(), metadata.getPageSize());
        } else {
            context.simulator().executeQuery(context.namespace(), request.getQuery());
        }
        throw new IllegalStateException("rich queries are refused by the simulator");
    }

    private static ByteString getHistoryForKey(GetHistoryForKey request, TransactionContext context)
            throws SimulationException {
        List<org.hyperledger.fabric.protos.ledger.queryresult.KeyModification> history =
                context.simulator().getHistoryForKey(context.namespace(), request.getKey());
        return firstResponse(PendingQuery.history(history), context);
    }

    private static ByteString getPrivateDataHash(GetState request, TransactionContext context) throws RequestException {
        // Fabric skips the permission check here and fails in the simulator's collection-name validation.
        throw new RequestException("collection [" + request.getCollection()
                + "] not defined in the collection config for chaincode [" + context.namespace() + "]");
    }

    private static ByteString purgePrivateData(DelState request, TransactionContext context) throws RequestException {
        if (request.getCollection().isEmpty()) {
            throw new RequestException("only applicable for private data");
        }
        refuseCollection(request.getCollection(), context);
        throw new IllegalStateException("private data is refused above");
    }

    private ByteString invokeChaincode(ChaincodeSpec spec, TransactionContext context) throws RequestException {
        // Fabric's ParseName: "name[:version][/channel]"; the version is ignored.
        String name = spec.getChaincodeId().getName();
        String channel = "";
        int slash = name.indexOf('/');
        if (slash >= 0) {
            channel = name.substring(slash + 1);
            name = name.substring(0, slash);
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (!channel.isEmpty() && !channel.equals(context.channelId())) {
            throw new RequestException("failed to find ledger for channel: " + channel);
        }
        try {
            return support.invokeCallee(name, context, spec.getInput()).toByteString();
        } catch (ChaincodeExecutionException e) {
            throw new RequestException("execute failed: " + e.getMessage());
        }
    }

    private static ByteString firstResponse(PendingQuery query, TransactionContext context) {
        String id = queryId();
        QueryResponse response = query.nextResponse(id);
        if (!query.finished()) {
            context.putQuery(id, query);
        }
        return response.toByteString();
    }

    /**
     * Refuses private data as a peer whose chaincode defines no collections: the collection permission check fails
     * first ({@code privdata.NoSuchCollectionError}).
     */
    private static void refuseCollection(String collection, TransactionContext context) throws RequestException {
        if (!collection.isEmpty()) {
            throw new RequestException("collection " + context.channelId() + "/" + context.namespace() + "/"
                    + collection + " could not be found");
        }
    }

    /**
     * Refuses empty keys for puts. A LevelDB peer would accept them, but the Java and Go shims refuse them before
     * sending, so only a hand-made message gets here, and a value stored under "" would sit outside every range the
     * shims can express.
     */
    private static String validKey(String key) throws RequestException {
        if (key.isEmpty()) {
            throw new RequestException("key must not be an empty string");
        }
        return key;
    }

    private static QueryMetadata queryMetadata(ByteString bytes) throws InvalidProtocolBufferException {
        return bytes.isEmpty() ? null : QueryMetadata.parseFrom(bytes);
    }

    private static boolean isPaginated(QueryMetadata metadata) {
        return metadata != null
                && (metadata.getPageSize() != 0 || !metadata.getBookmark().isEmpty());
    }

    private static int totalReturnLimit(QueryMetadata metadata) {
        int limit = PendingQuery.TOTAL_QUERY_LIMIT;
        if (metadata != null && metadata.getPageSize() > 0 && metadata.getPageSize() < limit) {
            limit = metadata.getPageSize();
        }
        return limit;
    }

    /** Returns a random UUID string like Fabric's iterator IDs, without contending on SecureRandom. */
    private static String queryId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static ChaincodeMessage failed(ChaincodeMessage request, String reason) {
        return reply(
                request,
                Type.ERROR,
                request.getType() + " failed: transaction ID: " + request.getTxid() + ": " + reason);
    }

    private static ChaincodeMessage reply(ChaincodeMessage request, Type type, String text) {
        return reply(request, type, ByteString.copyFromUtf8(text));
    }

    private static ChaincodeMessage reply(ChaincodeMessage request, Type type, ByteString payload) {
        return ChaincodeMessage.newBuilder()
                .setType(type)
                .setPayload(payload)
                .setTxid(request.getTxid())
                .setChannelId(request.getChannelId())
                .build();
    }

    /** A request the peer refuses, with Fabric's reason. */
    static final class RequestException extends Exception {

        private static final long serialVersionUID = 1L;

        RequestException(String message) {
            super(message);
        }
    }
}
