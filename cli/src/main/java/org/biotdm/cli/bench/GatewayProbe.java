package org.biotdm.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.biotdm.cli.Progress;
import org.biotdm.cli.ProgressBar;
import org.biotdm.cli.stack.ChildProcess;
import org.biotdm.cli.stack.GatewayInstance;
import org.biotdm.cli.stack.StackException;

/**
 * What {@code biotdm bench connections} measures of the running gateways from outside ({@link ProcessProbe}): their
 * summed memory, and the connections established on their ports while the client processes hold them.
 */
final class GatewayProbe {
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);
    private static final double MIB = 1048576.0;

    private final PrintStream err;

    /**
     * Creates the probe.
     *
     * @param err where progress goes
     */
    GatewayProbe(PrintStream err) {
        this.err = err;
    }

    /**
     * Returns the established connections on the given local ports now.
     *
     * @param ports the gateways' device or MQTT ports
     * @return the connections, summed over the ports
     * @throws IOException when the kernel's tables cannot be read
     */
    static long established(Set<Integer> ports) throws IOException {
        return ProcessProbe.establishedConnections(ports).values().stream()
                .mapToLong(Integer::longValue)
                .sum();
    }

    /**
     * Counts the established connections on the ports every 5 s for {@code hold}, failing when a client process dies.
     *
     * @param ports the gateways' ports the devices are connected to
     * @param clients the client processes holding the connections
     * @param hold how long
     * @return the fewest connections seen
     * @throws StackException when a client process exited
     * @throws IOException when the kernel's tables cannot be read
     * @throws InterruptedException when interrupted
     */
    long hold(Set<Integer> ports, List<ChildProcess> clients, Duration hold) throws IOException, InterruptedException {
        ProgressBar bar = new ProgressBar(err);
        err.println("Holding the connections for " + hold.toSeconds() + " s, counting them every "
                + SAMPLE_INTERVAL.toSeconds() + " s ...");
        long start = System.nanoTime();
        long end = start + hold.toNanos();
        long min = Long.MAX_VALUE;
        while (true) {
            long held = established(ports);
            min = Math.min(min, held);
            for (ChildProcess client : clients) {
                if (!client.isAlive()) {
                    throw new StackException(
                            "The " + client.name() + " exited with status " + client.exitValue(), client);
                }
            }
            long now = System.nanoTime();
            if (now >= end) {
                bar.done("held " + held + " (fewest " + min + ")");
                return min;
            }
            bar.show((now - start) / (double) (end - start), "held " + held + " (fewest " + min + ")");
            Thread.sleep(Math.min(SAMPLE_INTERVAL.toMillis(), Math.max(1, (end - now) / 1_000_000)));
        }
    }

    /**
     * Measures the gateways' live heap (after a full collection), direct buffers (they must run with {@code
     * -XX:NativeMemoryTracking=summary}) and resident memory, summed.
     *
     * @param gateways the instances
     * @param when what the progress line says about the moment
     * @return the summed memory
     * @throws IOException when jcmd or {@code /proc} fails
     * @throws InterruptedException when interrupted
     */
    ConnectionsFigures.Memory memory(List<GatewayInstance> gateways, String when)
            throws IOException, InterruptedException {
        Progress progress = Progress.start(err, "Measuring the gateways' memory, " + when);
        long heap = 0;
        long direct = 0;
        long rss = 0;
        for (GatewayInstance gateway : gateways) {
            long pid = ProcessProbe.jvmOf(gateway.process().handle());
            heap += ProcessProbe.liveHeapBytes(pid);
            direct += ProcessProbe.directBytes(pid);
            rss += ProcessProbe.residentBytes(pid);
            progress.tick();
        }
        progress.done(String.format(
                Locale.ROOT,
                "live heap %.0f MB, direct buffers %.0f MB, resident %.0f MB",
                heap / MIB,
                direct / MIB,
                rss / MIB));
        return new ConnectionsFigures.Memory(heap, direct, rss);
    }
}
