package org.biotdm.devnet.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.biotdm.devnet.ca.OwnerOnlyFiles;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, crash-safe chain of blocks in one file, with an in-memory index by block number and by transaction
 * ID. One instance per peer (and one for the orderer); the file is locked against a second opener.
 *
 * <p><b>File format</b> ({@value #FILE_NAME}): the 8-byte magic {@code BIOTBLK1}, then one record per block:
 *
 * <pre>
 *   u32 length            big-endian, bytes of the serialized common.Block
 *   u32 crc               CRC32C over the 4 length bytes followed by the block bytes
 *   byte[length] block    the serialized common.Block, metadata (transactions filter) included
 * </pre>
 *
 * <p><b>Durability.</b> {@link #append} writes the record with one positional write and forces it to the device
 * ({@code FileChannel.force}, i.e. fdatasync) before it returns, so a caller may report the commit as soon as it
 * returns. <b>Recovery:</b> {@link #open} scans every record; the first one that is incomplete, fails its checksum, does
 * not parse or does not chain (number, previous hash, data hash) ends the chain, and it and everything after it are
 * truncated away and never served. A kill -9 can only tear the last record, so no fsynced block is lost.
 *
 * <p><b>Threads.</b> Appends are serialised; reads ({@link #get}, {@link #findTransaction}, iterators) run
 * concurrently with them and see a block once {@link #height()} covers it.
 */
public final class BlockStore implements AutoCloseable {

    /** Name of the block file inside the store directory. */
    public static final String FILE_NAME = "blocks.bin";

    private static final Logger LOG = LoggerFactory.getLogger(BlockStore.class);
    private static final byte[] MAGIC = "BIOTBLK1".getBytes(StandardCharsets.US_ASCII);
    private static final int RECORD_HEADER = 8;
    private static final int MAX_BLOCK_BYTES = 1 << 30;
    private static final int INITIAL_INDEX = 1024;

    private final Path file;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final Map<String, TxLocation> transactions = new ConcurrentHashMap<>();
    private final Map<ByteString, Long> blocksByHash = new ConcurrentHashMap<>();
    private final CRC32C crc = new CRC32C();

    /** Record offsets and sizes by block number; replaced (never mutated below height) when it grows. */
    private volatile Index index = new Index(new long[INITIAL_INDEX], new int[INITIAL_INDEX]);

    private volatile long height;
    private volatile ByteString lastHeaderHash = ByteString.EMPTY;
    private long end;
    private ByteBuffer writeBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private boolean failed;

    private record Index(long[] offsets, int[] sizes) {}

    private record Recovered(Block block, int length) {}

    private BlockStore(Path file, FileChannel channel, FileLock fileLock) {
        this.file = file;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Opens or creates the store in a directory and recovers it: a torn or corrupt tail is truncated.
     *
     * @param dir the directory, created when missing
     * @return the open store
     * @throws IOException when the directory or file cannot be used, the file is not a block store, or another
     *     instance holds it
     */
    public static BlockStore open(Path dir) throws IOException {
        return open(dir, block -> {});
    }

    /**
     * Opens the store and hands every recovered block, in order, to a consumer (the ledger rebuilds its state from
     * them without reading the file twice).
     *
     * @param dir the directory, created when missing
     * @param recovered called once per block kept, from block 0 up
     * @return the open store
     * @throws IOException as {@link #open(Path)}
     */
    static BlockStore open(Path dir, Consumer<Block> recovered) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        boolean created = Files.notExists(file);
        OwnerOnlyFiles.createFile(file);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = lockOf(channel, file);
            BlockStore store = new BlockStore(file, channel, lock);
            store.recover(recovered);
            if (created) {
                fsyncDirectory(dir);
            }
            return store;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends the next block and forces it to disk before returning.
     *
     * @param block the block; its number must equal {@link #height()}, its previous hash must equal {@link
     *     #lastHeaderHash()} and its data hash must match its data
     * @throws UncheckedIOException when writing or syncing fails; the block must then be treated as not committed,
     *     the store refuses further appends, and reopening recovers it to the last complete block
     * @throws IllegalStateException when the block does not continue the chain or the store has failed
     */
    public void append(Block block) {
        append(block, null);
    }

    /**
     * Appends the next block as {@link #append(Block)} does, indexing the given transaction IDs instead of reading
     * them from the envelopes again.
     *
     * @param block the block, as for {@link #append(Block)}
     * @param txIds per transaction its channel-header ID, null where unknown (the envelope is then read); or null
     * @throws UncheckedIOException as {@link #append(Block)}
     * @throws IllegalStateException as {@link #append(Block)}
     */
    public synchronized void append(Block block, String[] txIds) {
        if (failed) {
            throw new IllegalStateException("block store " + file + " failed earlier; reopen it");
        }
        String fault = chainFault(block, height, lastHeaderHash);
        if (fault != null) {
            throw new IllegalStateException(fault);
        }
        ByteBuffer record;
        try {
            record = encode(block);
            long position = end;
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
            channel.force(false);
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException(
                    "cannot append block " + block.getHeader().getNumber() + " to " + file, e);
        }
        indexBlock(block, end, record.limit() - RECORD_HEADER, txIds);
        end += record.limit();
    }

    /**
     * Returns the number of blocks stored, which is also the number of the next block.
     *
     * @return the height
     */
    public long height() {
        return height;
    }

    /**
     * Returns the header hash of the last block, the previous hash of the next one.
     *
     * @return SHA-256 of the last header's DER encoding; empty when the store is empty
     */
    public ByteString lastHeaderHash() {
        return lastHeaderHash;
    }

    /**
     * Reads a block.
     *
     * @param number the block number
     * @return the block as appended, transactions filter included
     * @throws IndexOutOfBoundsException when the number is not below {@link #height()}
     * @throws UncheckedIOException when the file cannot be read or the record fails its checksum
     */
    public Block get(long number) {
        long currentHeight = height;
        if (number < 0 || number >= currentHeight) {
            throw new IndexOutOfBoundsException("block " + number + " is not below the height " + currentHeight);
        }
        Index current = index;
        int slot = (int) number;
        try {
            return read(current.offsets()[slot], current.sizes()[slot]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read block " + number + " from " + file, e);
        }
    }

    /**
     * Looks up the first occurrence of a transaction ID, valid or not, as Fabric's duplicate check and CommitStatus do.
     *
     * @param txId the transaction ID from the channel header
     * @return where it was committed and with which code; empty when it never was
     */
    public Optional<TxLocation> findTransaction(String txId) {
        return Optional.ofNullable(transactions.get(txId));
    }

    /**
     * Looks up a block by its header hash, as Fabric's block index answers {@code GetBlockByHash}.
     *
     * @param headerHash SHA-256 of the block header's DER encoding ({@link Blocks#headerHash})
     * @return the block number; empty when no stored block has that hash
     */
    public Optional<Long> findBlockByHash(ByteString headerHash) {
        return Optional.ofNullable(blocksByHash.get(headerHash));
    }

    /**
     * Iterates blocks from a number up to the height current at each {@code hasNext()}; it never blocks, and it sees
     * blocks appended while iterating.
     *
     * @param from the first block number
     * @return an iterator; {@code next()} throws {@link UncheckedIOException} when a read fails
     */
    public Iterator<Block> iterator(long from) {
        return new Iterator<>() {
            private long next = from;

            @Override
            public boolean hasNext() {
                return next < height;
            }

            @Override
            public Block next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no block " + next + " yet");
                }
                return get(next++);
            }
        };
    }

    /**
     * Releases the file lock and closes the file.
     *
     * @throws IOException when closing fails
     */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (fileLock.isValid()) {
                fileLock.release();
            }
        } finally {
            channel.close();
        }
    }

    /** Returns why a block cannot follow the given chain tip, or null when it can. */
    static String chainFault(Block block, long expectedNumber, ByteString previousHash) {
        long number = block.getHeader().getNumber();
        if (number != expectedNumber) {
            return "block number " + number + " is not the next block number " + expectedNumber;
        }
        if (!block.getHeader().getPreviousHash().equals(previousHash)) {
            return "block " + number + " previous hash does not match the header hash of block " + (number - 1);
        }
        if (!Blocks.dataHash(block.getData()).equals(block.getHeader().getDataHash())) {
            return "block " + number + " data hash does not match its data";
        }
        return null;
    }

    private ByteBuffer encode(Block block) throws IOException {
        int size = block.getSerializedSize();
        int total = RECORD_HEADER + size;
        if (writeBuffer.capacity() < total) {
            writeBuffer = ByteBuffer.allocateDirect(Math.max(total, writeBuffer.capacity() * 2));
        }
        ByteBuffer buffer = writeBuffer;
        buffer.clear();
        buffer.putInt(0, size);
        buffer.position(RECORD_HEADER);
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        block.writeTo(out);
        out.flush();
        buffer.limit(total);
        buffer.putInt(4, checksum(buffer, size));
        buffer.position(0);
        return buffer;
    }

    private int checksum(ByteBuffer record, int size) {
        crc.reset();
        crc.update(record.duplicate().position(0).limit(4));
        crc.update(record.duplicate().position(RECORD_HEADER).limit(RECORD_HEADER + size));
        return (int) crc.getValue();
    }

    private Block read(long offset, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_HEADER + size);
        readFully(buffer, offset);
        CRC32C check = new CRC32C();
        check.update(buffer.array(), 0, 4);
        check.update(buffer.array(), RECORD_HEADER, size);
        if (buffer.getInt(0) != size || buffer.getInt(4) != (int) check.getValue()) {
            throw new IOException("checksum mismatch in record at offset " + offset);
        }
        return Block.parseFrom(ByteBuffer.wrap(buffer.array(), RECORD_HEADER, size));
    }

    private void readFully(ByteBuffer buffer, long offset) throws IOException {
        long position = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("unexpected end of " + file + " at offset " + position);
            }
            position += read;
        }
    }

    private void recover(Consumer<Block> recovered) throws IOException {
        long size = channel.size();
        if (size < MAGIC.length) {
            // New file, or a crash while creating it: nothing can have been committed yet.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(MAGIC), 0);
            channel.force(true);
            end = MAGIC.length;
            return;
        }
        ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
        readFully(magic, 0);
        if (!Arrays.equals(magic.array(), MAGIC)) {
            throw new IOException(file + " is not a block store file");
        }
        long position = MAGIC.length;
        Recovered record;
        while ((record = recoverRecord(position, size)) != null) {
            indexBlock(record.block(), position, record.length(), null);
            recovered.accept(record.block());
            position += RECORD_HEADER + record.length();
        }
        end = position;
        if (position < size) {
            LOG.warn("{}: truncating {} bytes after block {} (torn or corrupt tail)", file, size - position, height);
            channel.truncate(position);
            channel.force(true);
        }
    }

    /** Reads the record at a position, or returns null when there is no complete, intact, chaining record there. */
    private Recovered recoverRecord(long position, long size) throws IOException {
        if (size - position < RECORD_HEADER) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
        readFully(header, position);
        int length = header.getInt(0);
        if (length < 0 || length > MAX_BLOCK_BYTES || size - position - RECORD_HEADER < length) {
            return null;
        }
        Block block;
        try {
            block = read(position, length);
        } catch (IOException e) {
            LOG.warn("{}: record at offset {} is corrupt: {}", file, position, e.getMessage());
            return null;
        }
        String fault = chainFault(block, height, lastHeaderHash);
        if (fault != null) {
            LOG.warn("{}: record at offset {} does not continue the chain: {}", file, position, fault);
            return null;
        }
        return new Recovered(block, length);
    }

    private void indexBlock(Block block, long offset, int size, String[] knownTxIds) {
        long number = height;
        Index current = index;
        if (number >= current.offsets().length) {
            int capacity = Math.multiplyExact(current.offsets().length, 2);
            current = new Index(Arrays.copyOf(current.offsets(), capacity), Arrays.copyOf(current.sizes(), capacity));
            index = current;
        }
        current.offsets()[(int) number] = offset;
        current.sizes()[(int) number] = size;
        byte[] filter = Blocks.transactionFilter(block);
        for (int txNum = 0; txNum < filter.length; txNum++) {
            String known = knownTxIds == null ? null : knownTxIds[txNum];
            String txId = known != null ? known : txIdOf(block.getData().getData(txNum));
            if (!txId.isEmpty()) {
                transactions.putIfAbsent(txId, new TxLocation(number, txNum, Blocks.code(filter, txNum)));
            }
        }
        ByteString headerHash = Blocks.headerHash(block.getHeader());
        blocksByHash.put(headerHash, number);
        lastHeaderHash = headerHash;
        height = number + 1;
    }

    /** Returns the channel header txid of an envelope, or "" when the envelope is too malformed to carry one. */
    private static String txIdOf(ByteString envelopeBytes) {
        try {
            Payload payload =
                    Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader())
                    .getTxId();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    private static FileLock lockOf(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(file + " is already open in another block store");
        }
        return lock;
    }

    /** Makes a new file's directory entry durable; without it a crash can lose the whole file. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the entry's durability then rests on the file system.
            LOG.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }
}
