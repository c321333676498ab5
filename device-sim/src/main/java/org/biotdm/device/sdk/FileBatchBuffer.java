package org.biotdm.device.sdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A durable buffer: one file per batch in a directory, named by its sequence number ({@code
 * 0000000000000000042.batch}).
 *
 * <p>A file is written to {@code *.tmp}, forced to disk and renamed into place (atomic), so after a crash a batch
 * file is either complete or absent; leftover {@code *.tmp} files are deleted when the buffer is opened. Each file
 * starts with a header line {@code biotdm-batch-v1 seq=<seq> readings=<n> bytes=<body length>} followed by the exact
 * body that was signed; a file whose header or length does not match is renamed to {@code *.corrupt} and reported by
 * {@link #corruptFiles()}, never sent. Thread-safe.
 */
public final class FileBatchBuffer implements BatchBuffer {
    private static final String SUFFIX = ".batch";
    private static final String HEADER = "biotdm-batch-v1";

    private final Path directory;
    private final boolean force;
    private final ConcurrentSkipListMap<Long, SignedBatch> batches = new ConcurrentSkipListMap<>();
    private final List<Path> corrupt = new ArrayList<>();

    private FileBatchBuffer(Path directory, boolean force) {
        this.directory = directory;
        this.force = force;
    }

    /**
     * Opens the buffer in a directory (created when missing) and loads the batches a previous run left.
     *
     * @param directory the directory, for example {@code <state dir>/buffer}
     * @param force whether each write is forced to disk before {@link #append} returns (true survives a power loss;
     *     false only a process crash)
     * @return the buffer
     * @throws IOException when the directory cannot be read
     */
    public static FileBatchBuffer open(Path directory, boolean force) throws IOException {
        Files.createDirectories(directory);
        FileBatchBuffer buffer = new FileBatchBuffer(directory, force);
        buffer.load();
        return buffer;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    SignedBatch batch = read(file);
                    if (batch == null) {
                        Path aside = file.resolveSibling(name + ".corrupt");
                        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                        corrupt.add(aside);
                    } else {
                        batches.put(batch.seq(), batch);
                    }
                }
            }
        }
    }

    private static SignedBatch read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int newline = indexOf(content, (byte) '\n');
        if (newline < 0) {
            return null;
        }
        String[] header = new String(content, 0, newline, StandardCharsets.US_ASCII).split(" ");
        try {
            if (header.length != 4 || !HEADER.equals(header[0])) {
                return null;
            }
            long seq = Long.parseLong(field(header[1], "seq="));
            int readings = Integer.parseInt(field(header[2], "readings="));
            int bytes = Integer.parseInt(field(header[3], "bytes="));
            if (content.length - newline - 1 != bytes
                    || !fileName(seq).equals(file.getFileName().toString())) {
                return null;
            }
            byte[] body = new byte[bytes];
            System.arraycopy(content, newline + 1, body, 0, bytes);
            return new SignedBatch(seq, readings, body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String field(String text, String prefix) {
        if (!text.startsWith(prefix)) {
            throw new IllegalArgumentException(text);
        }
        return text.substring(prefix.length());
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String fileName(long seq) {
        return String.format(Locale.ROOT, "%019d", seq) + SUFFIX;
    }

    @Override
    public void append(SignedBatch batch) throws IOException {
        byte[] header = (HEADER + " seq=" + batch.seq() + " readings=" + batch.readingCount() + " bytes="
                        + batch.body().length + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Path target = directory.resolve(fileName(batch.seq()));
        Path temporary = directory.resolve(fileName(batch.seq()) + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer[] parts = {ByteBuffer.wrap(header), ByteBuffer.wrap(batch.body())};
            while (parts[1].hasRemaining()) {
                channel.write(parts);
            }
            if (force) {
                channel.force(true);
            }
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        batches.put(batch.seq(), batch);
    }

    @Override
    public List<SignedBatch> pending() {
        return new ArrayList<>(batches.values());
    }

    @Override
    public void remove(long seq) throws IOException {
        batches.remove(seq);
        Files.deleteIfExists(directory.resolve(fileName(seq)));
    }

    @Override
    public int size() {
        return batches.size();
    }

    /**
     * Returns the files found damaged when the buffer was opened, renamed to {@code *.corrupt}.
     *
     * @return their paths
     */
    public List<Path> corruptFiles() {
        return List.copyOf(corrupt);
    }
}
