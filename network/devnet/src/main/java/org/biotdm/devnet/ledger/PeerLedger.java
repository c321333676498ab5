package org.biotdm.devnet.ledger;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.biotdm.devnet.protocol.ParsedTransaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's ledger for one channel: its {@link BlockStore}, the world state and the history database, the latter two
 * rebuilt at {@link #open} by replaying every stored block, so a restart after kill -9 always reaches the state the
 * durable blocks define (state is never saved; replay is the single source of truth).
 *
 * <p><b>Commit.</b> {@link #commit} appends the block (fsync) and then, under the write lock of a fair read/write lock,
 * applies the writes of its VALID endorser transactions. Simulations hold the read lock ({@link #simulationLock()})
 * while they read, so they see one height. As in Fabric's kvledger, the block is written to disk before the state lock
 * is taken, so simulations are not stalled by the fsync; {@link #height()}, {@link #block}, {@link #transaction} and
 * listeners only see a block once its state is applied. Commits are serialised, and commit listeners run after the
 * write lock is released, in block order, before the next commit starts.
 *
 * <p><b>Reads</b> through {@link StateReader} take no lock themselves; callers hold {@link #simulationLock()}.
 */
public final class PeerLedger implements StateReader, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLedger.class);

    /**
     * Heights (multiples of this) at which a peer logs its world-state hash while committing, and the last of which
     * {@link #open} remembers while replaying ({@link #replayedCheckpoint()}), so the hash before a crash can be
     * compared with the one rebuilt after it.
     */
    public static final long CHECKPOINT_INTERVAL = 50;

    /**
     * The world-state hash at one height.
     *
     * @param height the ledger height (blocks committed), a multiple of {@link #CHECKPOINT_INTERVAL} or the current one
     * @param hash the 32-byte {@link #stateHash()} at that height
     */
    public record StateCheckpoint(long height, ByteString hash) {}

    private final String channelId;
    private final BlockStore store;
    private final WorldState state;
    private final HistoryIndex history;
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock(true);
    private final ReentrantLock commitLock = new ReentrantLock();
    private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();
    private volatile long height;
    private volatile ByteString lastHeaderHash;
    private volatile BlockchainInfo chainInfo;
    private final Optional<StateCheckpoint> replayedCheckpoint;

    private PeerLedger(
            String channelId,
            BlockStore store,
            WorldState state,
            HistoryIndex history,
            Optional<StateCheckpoint> replayedCheckpoint) {
        this.channelId = channelId;
        this.store = store;
        this.state = state;
        this.history = history;
        this.replayedCheckpoint = replayedCheckpoint;
        this.height = store.height();
        this.lastHeaderHash = store.lastHeaderHash();
        this.chainInfo = height == 0
                ? BlockchainInfo.getDefaultInstance()
                : chainInfo(store.get(height - 1).getHeader(), lastHeaderHash);
    }

    /**
     * Opens (or creates) a peer's ledger and rebuilds world state, history and the transaction index from its blocks;
     * a torn last block is discarded first (see {@link BlockStore}). On the way it hashes the world state at every
     * {@link #CHECKPOINT_INTERVAL}-th height and keeps the last ({@link #replayedCheckpoint()}).
     *
     * @param dir the ledger directory of this peer and channel
     * @param channelId the channel name
     * @return the open ledger
     * @throws IOException when the block store cannot be opened
     */
    public static PeerLedger open(Path dir, String channelId) throws IOException {
        Objects.requireNonNull(channelId, "channelId");
        WorldState state = new WorldState();
        HistoryIndex history = new HistoryIndex();
        AtomicReference<StateCheckpoint> checkpoint = new AtomicReference<>();
        BlockStore store = BlockStore.open(dir, block -> {
            BlockApplier.apply(block, null, state, history);
            long replayed = block.getHeader().getNumber() + 1;
            if (replayed % CHECKPOINT_INTERVAL == 0) {
                checkpoint.set(new StateCheckpoint(replayed, state.hash()));
            }
        });
        LOG.debug("ledger {} for channel {} recovered at height {}", dir, channelId, store.height());
        return new PeerLedger(channelId, store, state, history, Optional.ofNullable(checkpoint.get()));
    }

    /**
     * Returns the world-state hash at the last {@link #CHECKPOINT_INTERVAL}-th height that {@link #open} replayed.
     *
     * @return the checkpoint, or empty when fewer blocks than the interval were stored
     */
    public Optional<StateCheckpoint> replayedCheckpoint() {
        return replayedCheckpoint;
    }

    /**
     * Returns the lock simulations hold while reading state: the read lock of a fair read/write lock whose write lock
     * guards applying a block.
     *
     * @return the read lock
     */
    public Lock simulationLock() {
        return stateLock.readLock();
    }

    /**
     * Commits a validated block: appends it durably, applies its VALID endorser transactions' writes and history, then
     * notifies the commit listeners. When this returns the block is on disk and visible.
     *
     * @param block the next block, with its TRANSACTIONS_FILTER holding one code per transaction
     * @throws UncheckedIOException when the block cannot be written or synced; it is then not committed,
     *     nothing is applied, and the ledger refuses further commits until reopened
     * @throws IllegalStateException when the block does not continue the chain
     * @throws IllegalArgumentException when the transactions filter does not cover every transaction
     */
    public void commit(Block block) {
        commit(block, null, null);
    }

    /**
     * Commits a validated block as {@link #commit(Block)} does, reusing what the validator already parsed instead of
     * parsing every envelope again for the transaction index and the state update.
     *
     * @param block the next block, with its TRANSACTIONS_FILTER holding one code per transaction
     * @param txIds per transaction its channel-header ID, null where unknown (the envelope is then read again); or
     *     null for none
     * @param validTransactions per transaction its parsed form when VALID, null where absent (the envelope is then
     *     parsed again); or null for none
     * @throws UncheckedIOException as {@link #commit(Block)}
     * @throws IllegalStateException as {@link #commit(Block)}
     * @throws IllegalArgumentException as {@link #commit(Block)}, or when an array does not have one entry per
     *     transaction
     */
    public void commit(Block block, String[] txIds, ParsedTransaction[] validTransactions) {
        checkFilter(block);
        int count = block.getData().getDataCount();
        if (txIds != null && txIds.length != count || validTransactions != null && validTransactions.length != count) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " has " + count
                    + " transactions but the parsed arrays do not");
        }
        commitLock.lock();
        try {
            store.append(block, txIds);
            Lock writeLock = stateLock.writeLock();
            writeLock.lock();
            try {
                BlockApplier.apply(block, validTransactions, state, history);
                lastHeaderHash = store.lastHeaderHash();
                height = block.getHeader().getNumber() + 1;
                chainInfo = chainInfo(block.getHeader(), lastHeaderHash);
            } finally {
                writeLock.unlock();
            }
            notifyListeners(block);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Registers a listener called with every block committed from now on, after its state is applied and the write
     * lock released, in block order on the committing thread. Listeners should hand work off quickly: the next commit
     * waits for them. An exception from a listener is logged and does not affect the commit.
     *
     * @param listener the listener
     */
    public void addCommitListener(Consumer<Block> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a commit listener.
     *
     * @param listener a listener added before
     */
    public void removeCommitListener(Consumer<Block> listener) {
        listeners.remove(listener);
    }

    /**
     * Returns the number of committed (applied) blocks, which is also the next block number.
     *
     * @return the height
     */
    public long height() {
        return height;
    }

    /**
     * Returns a committed block.
     *
     * @param number the block number, below {@link #height()}
     * @return the block with its transactions filter
     * @throws IndexOutOfBoundsException when the block is not committed
     */
    public Block block(long number) {
        long current = height;
        if (number < 0 || number >= current) {
            throw new IndexOutOfBoundsException("block " + number + " is not below the height " + current);
        }
        return store.get(number);
    }

    /**
     * Returns a committed block by its header hash, as Fabric's {@code GetBlockByHash}.
     *
     * @param headerHash SHA-256 of the block header's DER encoding
     * @return the block with its transactions filter; empty when no committed block has that hash
     */
    public Optional<Block> blockByHash(ByteString headerHash) {
        long current = height;
        return store.findBlockByHash(headerHash)
                .filter(number -> number < current)
                .map(store::get);
    }

    /**
     * Returns the chain's height and the hashes of its last block, as Fabric's {@code GetBlockchainInfo}; the three
     * fields always describe the same block.
     *
     * @return height, current block hash (the last header's hash) and previous block hash (the last header's previous
     *     hash); all empty before the genesis block is committed
     */
    public BlockchainInfo blockchainInfo() {
        return chainInfo;
    }

    /**
     * Finds where a transaction ID was first committed, valid or not (duplicate check, CommitStatus).
     *
     * @param txId the transaction ID
     * @return its block, index and validation code; empty when no committed block holds it
     */
    public Optional<TxLocation> transaction(String txId) {
        long current = height;
        return store.findTransaction(txId).filter(location -> location.blockNum() < current);
    }

    /**
     * Returns the header hash of the last committed block, the previous hash of the next one.
     *
     * @return 32 bytes, or empty when no block is committed
     */
    public ByteString lastHeaderHash() {
        return lastHeaderHash;
    }

    /**
     * Returns the channel this ledger belongs to.
     *
     * @return the channel name
     */
    public String channelId() {
        return channelId;
    }

    /**
     * Hashes the whole world state; equal on every peer that committed the same blocks, and across restarts. The hash
     * is SHA-256 over every entry, namespaces in UTF-8 byte order and keys in UTF-8 byte order within a namespace (a
     * namespace without keys contributes nothing), each entry encoded as
     *
     * <pre>
     *   u32 len, namespace UTF-8 | u32 len, key UTF-8 | u32 len, value
     *   | u64 version.blockNum | u64 version.txNum
     *   | u32 metadata entry count | per entry in UTF-8 name order: u32 len, name UTF-8 | u32 len, value
     * </pre>
     *
     * with all integers big-endian. History is not included. Takes the read lock.
     *
     * @return the 32-byte hash
     */
    public ByteString stateHash() {
        Lock readLock = stateLock.readLock();
        readLock.lock();
        try {
            return state.hash();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public VersionedValue get(String namespace, String key) {
        return state.get(namespace, key);
    }

    @Override
    public Iterator<VersionedValue> range(String namespace, String startKey, String endKey) {
        return state.range(namespace, startKey, endKey);
    }

    @Override
    public List<KeyModification> history(String namespace, String key) {
        return history.history(namespace, key);
    }

    /**
     * Closes the block store, waiting for a commit in progress. The ledger must not be used afterwards.
     *
     * @throws UncheckedIOException when closing the file fails
     */
    @Override
    public void close() {
        commitLock.lock();
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the ledger of channel " + channelId, e);
        } finally {
            commitLock.unlock();
        }
    }

    private static BlockchainInfo chainInfo(BlockHeader last, ByteString lastHash) {
        return BlockchainInfo.newBuilder()
                .setHeight(last.getNumber() + 1)
                .setCurrentBlockHash(lastHash)
                .setPreviousBlockHash(last.getPreviousHash())
                .build();
    }

    private static void checkFilter(Block block) {
        int transactions = block.getData().getDataCount();
        int index = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;
        int filter = block.getMetadata().getMetadataCount() > index
                ? block.getMetadata().getMetadata(index).size()
                : 0;
        if (filter != transactions) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " has " + transactions
                    + " transactions but a transactions filter of " + filter + " codes");
        }
    }

    private void notifyListeners(Block block) {
        for (Consumer<Block> listener : listeners) {
            try {
                listener.accept(block);
            } catch (RuntimeException e) {
                LOG.error(
                        "commit listener failed on block {}", block.getHeader().getNumber(), e);
            }
        }
    }
}
