package org.biotdm.device.sdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The device's telemetry sequence numbers, persisted so that a number is never handed out twice, not even across a
 * crash or a restart: the gateway refuses a reused number with other content ({@code TELEMETRY_SEQ_CONFLICT}).
 *
 * <p>The file holds, as decimal text, the first number not yet reserved. Numbers are reserved in blocks: before
 * handing out the first number of a block the store writes the block's end to a temporary file, forces it to disk
 * and renames it over the old one (atomic), so the file is always either the old or the new limit. After a restart
 * numbering resumes at the limit; numbers reserved but unused before the crash are skipped, which the gateway's
 * sequence window allows (numbers only need to grow). Thread-safe.
 */
public final class SequenceStore {
    /** The default block size: one forced write per this many batches. */
    public static final int DEFAULT_BLOCK = 64;

    private final Path file;
    private final int block;
    private long next;
    private long limit;

    private SequenceStore(Path file, int block, long start) {
        this.file = file;
        this.block = block;
        this.next = start;
        this.limit = start;
    }

    /**
     * Opens (or creates, starting at 0) the store in a file.
     *
     * @param file the file, for example {@code <state dir>/seq}
     * @param block how many numbers to reserve per forced write, at least 1
     * @return the store
     * @throws IOException when the file cannot be read, or holds something other than a non-negative decimal
     */
    public static SequenceStore open(Path file, int block) throws IOException {
        if (block < 1) {
            throw new IllegalArgumentException("block must be at least 1");
        }
        long start = 0;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                start = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException("Corrupt sequence file " + file + ": " + text, e);
            }
            if (start < 0) {
                throw new IOException("Corrupt sequence file " + file + ": " + text);
            }
        }
        return new SequenceStore(file, block, start);
    }

    /**
     * Hands out the next sequence number, reserving a new block on disk first when the current one is used up.
     *
     * @return a number never handed out before by this store or any earlier instance on the same file
     * @throws IOException when the reservation cannot be written; no number is handed out then
     */
    public synchronized long next() throws IOException {
        if (next >= limit) {
            long newLimit = Math.addExact(next, block);
            write(newLimit);
            limit = newLimit;
        }
        return next++;
    }

    /**
     * Returns the number the next call to {@link #next()} will hand out.
     *
     * @return the next number
     */
    public synchronized long peek() {
        return next;
    }

    private void write(long value) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
