package org.biotdm.cli.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.cli.OwnerOnlyFiles;

/**
 * What a chaos run did, as it happened: the readings each device handed to its SDK, each batch the gateway
 * acknowledged (device, sequence number, readings accepted), each batch refused for good, and each fault with its
 * recovery. Kept in memory for the checker and appended to a CSV file ({@code epoch_ms,event,device,seq,count,detail})
 * so a run can be examined afterwards. Thread-safe.
 */
final class ChaosHistory implements AutoCloseable {
    /** A batch the gateway acknowledged. */
    record Batch(String device, long seq) {}

    private final BufferedWriter file;
    private final Map<Batch, Integer> acknowledged = new HashMap<>();
    private final Set<String> devices = new HashSet<>();
    private final Map<String, Long> lastAckByDevice = new HashMap<>();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * Opens the history, writing to an owner-only file.
     *
     * @param path the CSV file, created or truncated
     * @throws IOException when it cannot be written
     */
    ChaosHistory(Path path) throws IOException {
        OwnerOnlyFiles.createFile(path);
        this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        write("epoch_ms,event,device,seq,count,detail");
    }

    /** Readings handed to a device's SDK, which keeps them in its durable buffer until acknowledged. */
    void handed(String device, int count) {
        handed.addAndGet(count);
        synchronized (this) {
            devices.add(device);
        }
        record("handed", device, -1, count, "");
    }

    /** A batch acknowledged by the gateway; a second acknowledgement of the same batch is recorded once. */
    void acknowledged(String device, long seq, int accepted) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            acknowledged.putIfAbsent(new Batch(device, seq), accepted);
            lastAckByDevice.put(device, now);
        }
        record("acked", device, seq, accepted, "");
    }

    /** A batch the gateway refused for good. */
    void rejected(String device, String reason) {
        rejected.incrementAndGet();
        record("rejected", device, -1, 0, reason);
    }

    /** A fault injected, or its recovery. */
    void fault(String event, String kind, String detail) {
        record(event, kind, -1, 0, detail);
    }

    long handedReadings() {
        return handed.get();
    }

    long rejectedBatches() {
        return rejected.get();
    }

    /**
     * Returns when one of some devices last had a batch acknowledged.
     *
     * @param of the devices
     * @return epoch ms, 0 when none had
     */
    synchronized long lastAckMillis(Set<String> of) {
        return of.stream()
                .mapToLong(d -> lastAckByDevice.getOrDefault(d, 0L))
                .max()
                .orElse(0);
    }

    synchronized Map<Batch, Integer> acknowledgedBatches() {
        return Map.copyOf(acknowledged);
    }

    synchronized Set<String> devices() {
        return Set.copyOf(devices);
    }

    synchronized long acknowledgedReadings() {
        return acknowledged.values().stream().mapToLong(Integer::longValue).sum();
    }

    private void record(String event, String device, long seq, int count, String detail) {
        write(System.currentTimeMillis() + "," + event + "," + device + "," + (seq < 0 ? "" : Long.toString(seq)) + ","
                + count + "," + detail.replace(',', ';').replace('\n', ' '));
    }

    private synchronized void write(String line) {
        try {
            file.write(line);
            file.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the chaos history", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
