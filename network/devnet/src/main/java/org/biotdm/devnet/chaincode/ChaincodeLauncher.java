package org.biotdm.devnet.chaincode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.ca.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a chaincode jar in its own JVM in client mode ({@code java -jar <jar> -a <peer> -i <packageId>}) against a
 * peer's ChaincodeSupport service, as Fabric's external builders run Java chaincode, and restarts it when it exits
 * unexpectedly: after 250 ms, doubling up to 5 s, back to 250 ms once a run lasted 30 s.
 *
 * <p>Environment: {@code CORE_CHAINCODE_ID_NAME}, {@code CORE_PEER_LOCALMSPID} (read by {@code stub.getMspId()}),
 * TLS ({@code CORE_PEER_TLS_ENABLED=true} with the shim's {@code CORE_PEER_TLS_ROOTCERT_FILE}, {@code
 * CORE_TLS_CLIENT_CERT_PATH} and {@code CORE_TLS_CLIENT_KEY_PATH} after {@link #tls}; {@code false} otherwise), and
 * chaincode logging at WARNING (the Contract API logs three INFO lines per
 * transaction otherwise); {@code CHAINCODE_SERVER_ADDRESS} is removed so the shim cannot start as a server. Standard
 * output and error are appended to a log file. A shutdown hook kills the child when this JVM exits normally.
 */
public final class ChaincodeLauncher implements AutoCloseable {

    /**
     * JVM options for a chaincode process: a small serial-collected heap (chaincode allocates little and three
     * peers' processes share the machine) and the C1 compiler only ({@code -XX:TieredStopAtLevel=1}). A chaincode does
     * little work per transaction, so C2's optimisations gain it little, while C2 compiling the shim, gRPC and the
     * Contract API in every chaincode JVM cost most of their CPU time in the devnet benchmark: C1 alone cut the
     * chaincode JVMs' CPU per committed transaction from about 2.2-3.0 ms to 0.95 ms (README, "Benchmark").
     */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeLauncher.class);
    private static final long INITIAL_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long STABLE_RUN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Path jar;
    private final String packageId;
    private final String peerAddress;
    private final String mspId;
    private final Path logFile;
    private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
    private final Map<String, String> environment = new LinkedHashMap<>();
    private ChaincodeTls.LaunchCredentials tls;
    private final Object lock = new Object();
    private final Thread shutdownHook = new Thread(this::killForShutdown, "chaincode-launcher-shutdown");
    private ScheduledExecutorService scheduler;
    private Process process;
    private long startedAt;
    private long backoffMillis = INITIAL_BACKOFF_MILLIS;
    private int restarts;
    private boolean started;
    private boolean closed;

    /**
     * Creates a launcher; nothing runs until {@link #start()}.
     *
     * @param jar the chaincode jar, runnable with {@code java -jar}
     * @param packageId the package ID to register with, see {@link #packageId(String, Path)}
     * @param peerAddress the ChaincodeSupport address, {@code host:port}
     * @param mspId the peer's MSP ID, for {@code CORE_PEER_LOCALMSPID}
     * @param logFile the file standard output and error are appended to; parent directories are created
     */
    public ChaincodeLauncher(Path jar, String packageId, String peerAddress, String mspId, Path logFile) {
        this.jar = Objects.requireNonNull(jar, "jar").toAbsolutePath();
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.logFile = Objects.requireNonNull(logFile, "logFile").toAbsolutePath();
        environment.put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
        environment.put("CORE_CHAINCODE_LOGGING_SHIM", "WARNING");
    }

    /**
     * Computes a Fabric-style package ID: the label, a colon, and the lowercase hex SHA-256 of the package (here the
     * jar) bytes, as {@code core/chaincode/persistence.PackageID}.
     *
     * @param label the package label, for example the chaincode name
     * @param jar the chaincode jar
     * @return {@code label:sha256hex}
     * @throws UncheckedIOException when the jar cannot be read
     */
    public static String packageId(String label, Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
            return label + ":" + HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chaincode package " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    /**
     * Replaces the JVM options; call before {@link #start()}.
     *
     * @param options the options, for example {@code -Xmx512m}
     * @return this launcher
     */
    public ChaincodeLauncher jvmOptions(List<String> options) {
        synchronized (lock) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
        }
        return this;
    }

    /**
     * Sets an environment variable of the chaincode process, for example {@code CORE_CHAINCODE_LOGGING_LEVEL=INFO};
     * call before {@link #start()}.
     *
     * @param name the variable
     * @param value the value
     * @return this launcher
     */
    public ChaincodeLauncher environment(String name, String value) {
        synchronized (lock) {
            environment.put(name, value);
        }
        return this;
    }

    /**
     * Makes the chaincode register over TLS with a client certificate its peer issued; call before {@link #start()}.
     *
     * @param credentials the files from {@link ChaincodeTls#issue}
     * @return this launcher
     */
    public ChaincodeLauncher tls(ChaincodeTls.LaunchCredentials credentials) {
        synchronized (lock) {
            this.tls = Objects.requireNonNull(credentials, "credentials");
        }
        return this;
    }

    /**
     * Starts the chaincode process and watches it.
     *
     * @throws UncheckedIOException when the process cannot be started
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("launcher for " + packageId + " already started or closed");
            }
            started = true;
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "chaincode-launcher-" + packageId);
                thread.setDaemon(true);
                return thread;
            });
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            try {
                spawn();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start chaincode " + packageId, e);
            }
        }
    }

    /**
     * Returns the running process's ID.
     *
     * @return the PID, or empty when no process is alive
     */
    public Optional<Long> pid() {
        synchronized (lock) {
            return process != null && process.isAlive() ? Optional.of(process.pid()) : Optional.empty();
        }
    }

    /**
     * Returns how many times the process was restarted after exiting on its own.
     *
     * @return the restart count
     */
    public int restartCount() {
        synchronized (lock) {
            return restarts;
        }
    }

    /** Stops watching and ends the process: destroy, wait up to 5 s, then destroy forcibly. */
    @Override
    public void close() {
        Process last;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            last = process;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        if (started) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook does the same work.
            }
        }
        if (last != null) {
            stop(last);
        }
    }

    /** Returns the command line, for tests and logs. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        synchronized (lock) {
            command.addAll(jvmOptions);
        }
        command.addAll(List.of("-jar", jar.toString(), "-a", peerAddress, "-i", packageId));
        return command;
    }

    private void spawn() throws IOException {
        OwnerOnlyFiles.createFile(logFile);
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("CHAINCODE_SERVER_ADDRESS");
        env.putAll(environment);
        env.put("CORE_CHAINCODE_ID_NAME", packageId);
        env.put("CORE_PEER_LOCALMSPID", mspId);
        env.put("CORE_PEER_TLS_ENABLED", Boolean.toString(tls != null));
        if (tls != null) {
            env.put("CORE_PEER_TLS_ROOTCERT_FILE", tls.rootCertificateFile().toString());
            env.put("CORE_TLS_CLIENT_CERT_PATH", tls.clientCertificateFile().toString());
            env.put("CORE_TLS_CLIENT_KEY_PATH", tls.clientKeyFile().toString());
        }
        Process spawned = builder.start();
        process = spawned;
        startedAt = System.nanoTime();
        spawned.onExit().thenRun(() -> exited(spawned));
    }

    private void exited(Process exitedProcess) {
        synchronized (lock) {
            if (closed || exitedProcess != process) {
                return;
            }
            if (System.nanoTime() - startedAt >= STABLE_RUN_NANOS) {
                backoffMillis = INITIAL_BACKOFF_MILLIS;
            }
            long delay = backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            LOG.warn(
                    "chaincode {} exited with status {}; restarting in {} ms",
                    packageId,
                    exitedProcess.exitValue(),
                    delay);
            scheduler.schedule(this::restart, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void restart() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            restarts++;
            try {
                spawn();
            } catch (IOException e) {
                LOG.warn("cannot restart chaincode {}: {}", packageId, e.getMessage());
                scheduler.schedule(this::restart, backoffMillis, TimeUnit.MILLISECONDS);
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void killForShutdown() {
        Process last;
        synchronized (lock) {
            closed = true;
            last = process;
        }
        if (last != null) {
            stop(last);
        }
    }

    private static void stop(Process target) {
        target.destroy();
        try {
            if (!target.waitFor(5, TimeUnit.SECONDS)) {
                target.destroyForcibly();
                target.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            target.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }
}
