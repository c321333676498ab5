package org.biotdm.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures other processes of this machine from outside, for benchmarks: the live Java heap of a JVM after a full
 * garbage collection ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}), the native memory a JVM holds for direct
 * buffers (Native Memory Tracking's {@code Other} category, {@code jcmd <pid> VM.native_memory summary}), a
 * process's resident memory ({@code
 * VmRSS} of {@code /proc/<pid>/status}) and the established TCP connections on given local ports ({@code
 * /proc/net/tcp} and {@code /proc/net/tcp6}, state {@code 01}; format in the Linux kernel's {@code
 * Documentation/networking/proc_net_tcp.rst}). Linux only.
 */
final class ProcessProbe {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    private static final Pattern NMT_OTHER = Pattern.compile("Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB");
    private static final String ESTABLISHED = "01";

    private ProcessProbe() {}

    /**
     * Collects a JVM's garbage and returns the heap it still uses.
     *
     * @param pid the JVM's process ID (same user, attach API enabled, as by default)
     * @return the used heap in bytes
     * @throws IOException when jcmd fails or prints no heap figure
     * @throws InterruptedException when interrupted
     */
    public static long liveHeapBytes(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return parseHeapUsed(jcmd(pid, "GC.heap_info")) * 1024;
    }

    /**
     * Reads the used-heap figure of {@code jcmd GC.heap_info} (G1: {@code garbage-first heap total 262144K, used
     * 60000K}; Parallel and Serial print {@code def new generation}/{@code PSYoungGen} lines and no {@code heap total}
     * line, so this needs G1, the default).
     *
     * @param heapInfo jcmd's output
     * @return the used heap in KiB
     * @throws IOException when the output has no such figure
     */
    static long parseHeapUsed(String heapInfo) throws IOException {
        Matcher matcher = HEAP_USED.matcher(heapInfo);
        if (!matcher.find()) {
            throw new IOException("No 'heap total …K, used …K' in jcmd GC.heap_info: " + heapInfo.strip());
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Returns the native memory a JVM started with {@code -XX:NativeMemoryTracking=summary} has committed for direct
     * buffers: NMT's {@code Other} category, where {@code Unsafe.allocateMemory} is counted (both {@code
     * ByteBuffer.allocateDirect} and Netty's pooled direct arenas allocate there).
     *
     * @param pid the JVM's process ID
     * @return the committed bytes
     * @throws IOException when jcmd fails or the JVM tracks no native memory
     * @throws InterruptedException when interrupted
     */
    public static long directBytes(long pid) throws IOException, InterruptedException {
        return parseNmtOther(jcmd(pid, "VM.native_memory summary")) * 1024;
    }

    /**
     * Reads the committed figure of the {@code Other} category of {@code jcmd VM.native_memory summary} ({@code Other
     * (reserved=2048KB, committed=2048KB)}).
     *
     * @param summary jcmd's output
     * @return the committed KiB
     * @throws IOException when the output has no such figure (for example: native memory tracking is not enabled)
     */
    static long parseNmtOther(String summary) throws IOException {
        Matcher matcher = NMT_OTHER.matcher(summary);
        if (!matcher.find()) {
            throw new IOException(
                    "No 'Other (reserved=…KB, committed=…KB)' in jcmd VM.native_memory summary: " + summary.strip());
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Returns a process's resident memory.
     *
     * @param pid the process ID
     * @return VmRSS in bytes
     * @throws IOException when {@code /proc/<pid>/status} cannot be read or has no VmRSS line
     */
    public static long residentBytes(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII);
        Matcher matcher = RSS.matcher(status);
        if (!matcher.find()) {
            throw new IOException("No VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    /**
     * Counts the established TCP connections whose local port is one of {@code ports}, over IPv4 and IPv6.
     *
     * @param ports the local ports, for example servers' listening ports
     * @return connections per port (every requested port present, 0 when none)
     * @throws IOException when {@code /proc/net/tcp} cannot be read
     */
    public static Map<Integer, Integer> establishedConnections(Set<Integer> ports) throws IOException {
        Map<Integer, Integer> counts = new TreeMap<>();
        ports.forEach(port -> counts.put(port, 0));
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (Files.exists(file)) {
                try (var lines = Files.lines(file, StandardCharsets.US_ASCII)) {
                    lines.skip(1).forEach(line -> countLine(line, counts));
                }
            }
        }
        return counts;
    }

    /**
     * Counts one line of {@code /proc/net/tcp}: {@code sl local_address rem_address st …}, addresses as {@code
     * HEXADDR:HEXPORT}.
     *
     * @param line the line
     * @param counts connections per port, updated when the line is an established connection on one of its ports
     */
    static void countLine(String line, Map<Integer, Integer> counts) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 4 || !ESTABLISHED.equals(fields[3])) {
            return;
        }
        int colon = fields[1].lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        int port;
        try {
            port = Integer.parseInt(fields[1].substring(colon + 1), 16);
        } catch (NumberFormatException e) {
            return;
        }
        counts.computeIfPresent(port, (key, count) -> count + 1);
    }

    /**
     * Returns the JVM of a child process: the process itself when it runs {@code java}, else its first descendant
     * that does (a child started through {@code setsid} that forked).
     *
     * @param handle the child
     * @return the JVM's process ID
     */
    public static long jvmOf(ProcessHandle handle) {
        if (isJava(handle)) {
            return handle.pid();
        }
        return handle.descendants()
                .filter(ProcessProbe::isJava)
                .findFirst()
                .map(ProcessHandle::pid)
                .orElse(handle.pid());
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> arguments = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), command));
        Process process =
                new ProcessBuilder(arguments).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output.strip());
        }
        return output;
    }
}
