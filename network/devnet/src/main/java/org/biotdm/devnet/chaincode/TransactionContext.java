package org.biotdm.devnet.chaincode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One transaction running on one chaincode stream, keyed by channel and txid as Fabric's {@code TransactionContexts}:
 * its simulator and namespace, the proposal passed on to callees, its open queries, and the pending final message.
 */
final class TransactionContext {

    private final String channelId;
    private final String txId;
    private final String namespace;
    private final SignedProposal signedProposal;
    private final TxSimulator simulator;
    private final CompletableFuture<ChaincodeMessage> response = new CompletableFuture<>();
    private final Map<String, PendingQuery> queries = new HashMap<>(4);

    TransactionContext(
            String channelId, String txId, String namespace, SignedProposal signedProposal, TxSimulator simulator) {
        this.channelId = channelId;
        this.txId = txId;
        this.namespace = namespace;
        this.signedProposal = signedProposal;
        this.simulator = simulator;
    }

    static String key(String channelId, String txId) {
        return channelId + txId;
    }

    String channelId() {
        return channelId;
    }

    String txId() {
        return txId;
    }

    String namespace() {
        return namespace;
    }

    SignedProposal signedProposal() {
        return signedProposal;
    }

    TxSimulator simulator() {
        return simulator;
    }

    synchronized void putQuery(String id, PendingQuery query) {
        queries.put(id, query);
    }

    synchronized PendingQuery query(String id) {
        return queries.get(id);
    }

    synchronized void removeQuery(String id) {
        PendingQuery query = queries.remove(id);
        if (query != null) {
            query.close();
        }
    }

    /** Closes every open query, as Fabric's {@code CloseQueryIterators} when the transaction ends. */
    void closeQueries() {
        List<PendingQuery> open;
        synchronized (this) {
            open = new ArrayList<>(queries.values());
            queries.clear();
        }
        for (PendingQuery query : open) {
            query.close();
        }
    }

    /** Delivers the chaincode's COMPLETED or ERROR message. */
    void complete(ChaincodeMessage message) {
        response.complete(message);
    }

    /** Ends the wait with a peer-side failure such as a terminated stream. */
    void fail(String reason) {
        response.completeExceptionally(new ChaincodeExecutionException(reason));
    }

    /**
     * Waits for the final message.
     *
     * @throws ChaincodeExecutionException with Fabric's bare reason: timeout, stream terminated or interrupted
     */
    ChaincodeMessage await(Duration timeout) throws ChaincodeExecutionException {
        try {
            return response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ChaincodeExecutionException(ChaincodeHandler.EXECUTION_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new ChaincodeExecutionException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaincodeExecutionException("interrupted while executing transaction", e);
        }
    }
}
