package org.biotdm.devnet.gateway;

import io.grpc.stub.ServerCallStreamObserver;
import org.biotdm.devnet.peer.Peer;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Follows a peer's ledger from a block number on, waiting for blocks not yet committed, until the client cancels.
 * Shared by the chaincode event and block event streams.
 */
final class BlockFollower {
    private static final long POLL_MILLIS = 500;

    private final Peer peer;
    private final ServerCallStreamObserver<?> observer;
    private long next;

    BlockFollower(Peer peer, ServerCallStreamObserver<?> observer, long start) {
        this.peer = peer;
        this.observer = observer;
        this.next = start;
    }

    /**
     * Returns the next block, waiting for it to be committed, or null once the stream was cancelled.
     *
     * @throws InterruptedException when the streaming thread is interrupted
     */
    Block next() throws InterruptedException {
        while (!observer.isCancelled()) {
            if (peer.awaitBlock(next, POLL_MILLIS)) {
                awaitReady();
                return peer.ledger().block(next++);
            }
        }
        return null;
    }

    long nextNumber() {
        return next;
    }

    /** Applies back-pressure: a slow client must not make the server buffer the whole ledger. */
    private void awaitReady() throws InterruptedException {
        while (!observer.isReady() && !observer.isCancelled()) {
            Thread.sleep(5);
        }
    }
}
