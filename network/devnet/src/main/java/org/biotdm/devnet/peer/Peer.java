package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.biotdm.devnet.chaincode.ChaincodeSupport;
import org.biotdm.devnet.ledger.Blocks;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.ledger.TxLocation;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One organisation's peer: its ledger, endorser and committer. Ordered blocks are validated and committed on a single
 * committer thread in block order; waiters are told only after the block is on disk.
 *
 * <p>So that a crash can be checked from outside (the chaos run's checker), the peer logs its world-state hash
 * ({@link PeerLedger#stateHash()}, hex) as one INFO line {@code STATE peer=<name> height=<h> hash=<hex> at=<when>}: at
 * start for the height it rebuilt ({@code at=start}) and for the last checkpoint height the rebuild passed ({@code
 * at=replayed}), and after committing each block that reaches a multiple of {@link PeerLedger#CHECKPOINT_INTERVAL}
 * ({@code at=commit}). Peers that committed the same blocks log the same hash for a height, before and after a crash.
 */
public final class Peer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Peer.class);

    private final String name;
    private final SigningIdentity identity;
    private final ChannelConfig channel;
    private final PeerLedger ledger;
    private final ChaincodeSupport chaincodeSupport;
    private final Endorser endorser;
    private final BlockValidator validator;
    private final CommitNotifier notifier;
    private final ExecutorService committer;

    /**
     * Creates a peer over an opened ledger.
     *
     * @param name the peer's host name, for example {@code peer0.org1.example.com}
     * @param identity the peer's signing identity
     * @param channel the channel configuration
     * @param ledger the peer's ledger, already rebuilt from its block store
     * @param chaincodeSupport where this peer's chaincode processes register
     */
    public Peer(
            String name,
            SigningIdentity identity,
            ChannelConfig channel,
            PeerLedger ledger,
            ChaincodeSupport chaincodeSupport) {
        this.name = name;
        this.identity = identity;
        this.channel = channel;
        this.ledger = ledger;
        this.chaincodeSupport = chaincodeSupport;
        this.endorser = new Endorser(identity, channel, ledger, chaincodeSupport);
        this.validator = new BlockValidator(channel, ledger);
        this.notifier = new CommitNotifier(ledger.height());
        ledger.replayedCheckpoint()
                .ifPresent(checkpoint -> logState(checkpoint.height(), checkpoint.hash(), "replayed"));
        logState(ledger.height(), ledger.stateHash(), "start");
        this.committer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-committer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Returns the peer's host name.
     *
     * @return the name, for example {@code peer0.org1.example.com}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the MSP ID of the peer's organisation.
     *
     * @return the MSP ID
     */
    public String mspId() {
        return identity.mspId();
    }

    /**
     * Returns the peer's signing identity.
     *
     * @return the identity
     */
    public SigningIdentity identity() {
        return identity;
    }

    /**
     * Returns the channel configuration this peer serves.
     *
     * @return the channel configuration
     */
    public ChannelConfig channel() {
        return channel;
    }

    /**
     * Returns the peer's ledger.
     *
     * @return the ledger
     */
    public PeerLedger ledger() {
        return ledger;
    }

    /**
     * Returns the peer's endorser.
     *
     * @return the endorser
     */
    public Endorser endorser() {
        return endorser;
    }

    /**
     * Returns the peer's chaincode support.
     *
     * @return the chaincode support
     */
    public ChaincodeSupport chaincodeSupport() {
        return chaincodeSupport;
    }

    /**
     * Queues an ordered block for validation and commit. Blocks must arrive in order; a block this peer already holds
     * is ignored (catch-up after a restart may offer it twice).
     *
     * @param block the block as the orderer cut it
     * @return a future completed once the block is committed
     */
    public CompletableFuture<Void> deliver(Block block) {
        return CompletableFuture.runAsync(() -> commit(block), committer);
    }

    private void commit(Block block) {
        long number = block.getHeader().getNumber();
        if (number < ledger.height()) {
            return;
        }
        BlockValidator.Validation validation = validator.validateBlock(block);
        byte[] codes = validation.codes();
        Block validated = Blocks.withTransactionFilter(block, codes);
        ledger.commit(validated, validation.txIds(), validation.validTransactions());
        for (int i = 0; i < codes.length; i++) {
            String txId = validation.txIds()[i];
            if (txId != null && !txId.isEmpty()) {
                notifier.committed(txId, new TxLocation(number, i, TxValidationCode.forNumber(codes[i] & 0xff)));
            }
        }
        long height = ledger.height();
        notifier.heightChanged(height);
        if (height % PeerLedger.CHECKPOINT_INTERVAL == 0) {
            logState(height, ledger.stateHash(), "commit");
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} committed block {} with {} transactions", name, number, codes.length);
        }
    }

    private void logState(long height, ByteString hash, String when) {
        LOG.info(
                "STATE peer={} height={} hash={} at={}",
                name,
                height,
                HexFormat.of().formatHex(hash.toByteArray()),
                when);
    }

    /**
     * Waits for a transaction to commit on this peer, as the gateway's CommitStatus does.
     *
     * @param txId the transaction ID
     * @param timeout how long to wait at most
     * @return the transaction's block, index and validation code, or empty if it did not commit in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Optional<TxLocation> awaitTransaction(String txId, Duration timeout) throws InterruptedException {
        Optional<TxLocation> existing = ledger.transaction(txId);
        if (existing.isPresent()) {
            return existing;
        }
        CompletableFuture<TxLocation> future = notifier.watch(txId);
        try {
            existing = ledger.transaction(txId);
            if (existing.isPresent()) {
                return existing;
            }
            return Optional.of(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            notifier.forget(txId, future);
        }
    }

    /**
     * Watches for a transaction to commit on this peer without holding a thread, so the gateway's CommitStatus can
     * answer from the committer instead of parking a thread per waiting client. The future is shared by every watcher
     * of the same transaction: do not complete or cancel it; call {@link #stopWatching} when no longer interested.
     *
     * @param txId the transaction ID
     * @return a future completed with the transaction's block, index and validation code once the block is on disk;
     *     already completed when the transaction committed before
     */
    public CompletableFuture<TxLocation> watchTransaction(String txId) {
        Optional<TxLocation> existing = ledger.transaction(txId);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        CompletableFuture<TxLocation> future = notifier.watch(txId);
        // The commit may have happened between the first look and the watch.
        existing = ledger.transaction(txId);
        if (existing.isPresent()) {
            notifier.forget(txId, future);
            return CompletableFuture.completedFuture(existing.get());
        }
        return future;
    }

    /**
     * Drops a watch from {@link #watchTransaction} that timed out or whose caller went away, as {@link
     * #awaitTransaction} does when it gives up.
     *
     * @param txId the transaction ID
     * @param future the future {@link #watchTransaction} returned
     */
    public void stopWatching(String txId, CompletableFuture<TxLocation> future) {
        notifier.forget(txId, future);
    }

    /**
     * Waits until the ledger holds the given block.
     *
     * @param blockNumber the block number awaited
     * @param timeoutMillis how long to wait at most, in milliseconds
     * @return true when the block is committed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitBlock(long blockNumber, long timeoutMillis) throws InterruptedException {
        return notifier.awaitBlock(blockNumber, timeoutMillis);
    }

    @Override
    public void close() {
        committer.shutdown();
        try {
            if (!committer.awaitTermination(10, TimeUnit.SECONDS)) {
                committer.shutdownNow();
            }
        } catch (InterruptedException e) {
            committer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ledger.close();
    }
}
