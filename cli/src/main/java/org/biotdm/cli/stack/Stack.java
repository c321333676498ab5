package org.biotdm.cli.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Home;
import org.biotdm.cli.OwnerOnlyFiles;
import org.biotdm.cli.Progress;

/**
 * A running BIoT-DM stack on this machine: the dev network (3 organisations with the BIoT-DM chaincode) and then
 * gateway-api on its embedded MariaDB, each a child JVM logging to {@code <data-dir>/logs/<part>.log}; on first start
 * the first people ({@link FirstUsers}). {@link #stop} stops the gateway first, then the dev network. While it runs,
 * {@code <data-dir>/stack.properties} tells other commands ({@code verify}, {@code replay}) where it listens.
 */
public final class Stack {
    /** Organisations of the dev network. */
    public static final int ORGANISATIONS = 3;

    private static final Duration DEVNET_START = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";

    private final Home home;
    private final StackOptions options;
    private final DataDir dataDir;
    private final PrintStream err;
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<GatewayInstance> gateways = new ArrayList<>();
    private boolean stopping;
    private int apiPort;
    private int devicePort;
    private int mqttPort = -1;
    private int devnetPort;
    private DevnetConnection devnet;
    private ChildProcess devnetChild;
    private Supervisor supervisor;

    /**
     * Prepares a stack; {@link #start} starts it.
     *
     * @param home the project
     * @param options the stack options
     * @param err where progress and messages go
     */
    public Stack(Home home, StackOptions options, PrintStream err) {
        this.home = home;
        this.options = options;
        this.dataDir = options.dataDir(home);
        this.err = err;
    }

    /**
     * Returns the data directory.
     *
     * @return the data directory
     */
    public DataDir dataDir() {
        return dataDir;
    }

    /**
     * Starts the dev network, then the gateway, then creates the missing first people.
     *
     * @return the people created now (empty on a restart)
     * @throws StackException when a part cannot start
     * @throws IOException when the gateway's API cannot be reached
     * @throws InterruptedException when interrupted
     */
    public List<String> start() throws IOException, InterruptedException {
        checkJars();
        refuseIfRunning();
        if (options.reset()) {
            List<String> deleted = dataDir.reset();
            err.println("Reset " + dataDir.root() + (deleted.isEmpty() ? " (it was empty)" : ": deleted " + deleted));
        }
        OwnerOnlyFiles.createDirectories(dataDir.root());
        StackPorts ports = StackPorts.choose(options, dataDir, ORGANISATIONS);
        apiPort = ports.api();
        devicePort = ports.device();
        mqttPort = ports.mqtt();
        devnetPort = ports.devnet();
        ports.record(dataDir);
        startDevnet();
        ChildProcess gateway = startGateway();
        gateways.add(new GatewayInstance(1, apiUrl(), deviceUrl(), mqttUrl(), dataDir.ingressCertificate(), gateway));
        List<String> created = new FirstUsers(api(), dataDir).ensure(organisations());
        writeStackFile();
        return created;
    }

    /**
     * From now on, starts every part that dies again, with back-off, on the same ports and data ({@link
     * Supervisor}): the dev network, the gateway (which stops the MariaDB its dead predecessor left running) and each
     * further gateway instance, also those started later.
     *
     * @param listener told of each restart, with how long the part was down
     */
    public synchronized void supervise(Supervisor.Listener listener) {
        if (supervisor == null) {
            supervisor = new Supervisor(err, this::stopping);
            supervisor.watch(devnetChild, this::startDevnet);
            for (GatewayInstance instance : gateways) {
                watchGateway(instance);
            }
        }
        supervisor.addListener(listener);
    }

    private void watchGateway(GatewayInstance instance) {
        supervisor.watch(instance.process(), () -> {
            ChildProcess restarted = instance.number() == 1 ? startGateway() : launchAdditionalGateway(instance);
            replace(instance.number(), restarted);
            return restarted;
        });
    }

    private synchronized void replace(int number, ChildProcess restarted) {
        for (int i = 0; i < gateways.size(); i++) {
            GatewayInstance old = gateways.get(i);
            if (old.number() == number) {
                gateways.set(
                        i,
                        new GatewayInstance(
                                number,
                                old.apiUrl(),
                                old.deviceUrl(),
                                old.mqttUrl(),
                                old.serverCertificate(),
                                restarted));
            }
        }
    }

    private ChildProcess startDevnet() throws InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(java(), "-jar", home.devnetJar().toString()));
        command.addAll(List.of(
                "--data-dir", dataDir.devnet().toString(),
                "--orgs", Integer.toString(ORGANISATIONS),
                "--chaincode", "biotdm=" + home.chaincodeJar(),
                "--port", Integer.toString(devnetPort),
                "--batch-timeout-ms", Long.toString(options.batchTimeoutMillis())));
        ChildProcess child =
                launch("dev network", command, Map.of(), dataDir.logs().resolve("devnet.log"));
        Progress progress = Progress.start(err, "Starting the dev network (" + ORGANISATIONS + " organisations)");
        Readiness.stopIfNotReady(
                child, () -> child.awaitLine(line -> line.startsWith("READY"), DEVNET_START, progress));
        devnet = DevnetConnection.read(dataDir.devnet().resolve("connection.json"));
        progress.done("ready, Org1 peer at " + devnet.organisations().get(0).peerAddress());
        synchronized (this) {
            devnetChild = child;
        }
        return child;
    }

    private ChildProcess startGateway() throws InterruptedException {
        // The stack's gateway is the one every organisation's people sign in to, so it serves all three; each
        // organisation's registrar secret comes from that organisation's own file.
        Map<String, String> properties = GatewaySettings.of(dataDir, devnet, organisations(), apiPort, devicePort);
        properties.put("biotdm.dashboard.dir", home.dashboardDir().toString());
        if (mqttPort >= 0) {
            properties.put("biotdm.mqtt.enabled", "true");
            properties.put("biotdm.mqtt.port", Integer.toString(mqttPort));
        }
        if (options.databasePort() != 0) {
            properties.put("biotdm.database.embedded-port", Integer.toString(options.databasePort()));
        }
        properties.putAll(options.gatewayProperties());
        ChildProcess child = launchGateway(
                "gateway API", properties, Map.of(), dataDir.logs().resolve("gateway.log"));
        Progress progress = Progress.start(err, "Starting the gateway API (embedded MariaDB, ledger, anchoring)");
        Readiness.stopIfNotReady(child, () -> Readiness.awaitGateway(child, api(), devicePort, progress));
        progress.done("ready at " + apiUrl());
        return child;
    }

    /**
     * Starts one more gateway-api instance beside the first, as a scaled-out deployment runs several behind a load
     * balancer: its own data directory ({@code <data-dir>/gateway-<n>}), API, device and (when the stack has one) MQTT ports and device-port key,
     * sharing the first instance's MariaDB (which must have been started on a known port, {@link
     * StackOptions#databasePort()}), device CA (keystore, no CA generated), token-signing key and the key that
     * encrypts people's Fabric keys, exactly the settings the gateway's README lists for several instances.
     *
     * @return the running instance
     * @throws IllegalStateException when the stack is not running or its database port is not fixed
     * @throws StackException when the instance cannot start
     * @throws IOException when the shared keys cannot be copied
     * @throws InterruptedException when interrupted
     */
    public GatewayInstance startAdditionalGateway() throws IOException, InterruptedException {
        if (devnet == null || gateways.isEmpty() || options.databasePort() == 0) {
            throw new IllegalStateException("Start the stack with a fixed database port first");
        }
        int number = gateways.size() + 1;
        Path instanceDir = dataDir.root().resolve("gateway-" + number);
        shareKeyEncryptionKey(instanceDir);
        URI instanceApi = URI.create("http://" + HOST + ":" + StackPorts.freePort());
        URI instanceDevice = URI.create("https://" + HOST + ":" + StackPorts.freePort());
        URI instanceMqtt = mqttPort < 0 ? null : URI.create("mqtts://" + HOST + ":" + StackPorts.freePort());
        GatewayInstance planned = new GatewayInstance(
                number,
                instanceApi,
                instanceDevice,
                instanceMqtt,
                instanceDir.resolve("ingress").resolve("server-cert.pem"),
                null);
        GatewayInstance instance = new GatewayInstance(
                number,
                instanceApi,
                instanceDevice,
                instanceMqtt,
                planned.serverCertificate(),
                launchAdditionalGateway(planned));
        synchronized (this) {
            gateways.add(instance);
            if (supervisor != null) {
                watchGateway(instance);
            }
        }
        return instance;
    }

    /** Starts a further instance on its ports and waits until it is ready. */
    private ChildProcess launchAdditionalGateway(GatewayInstance instance) throws InterruptedException {
        Path instanceDir = dataDir.root().resolve("gateway-" + instance.number());
        // The first instance's database account goes by environment, which other users cannot read (unlike the
        // command line and the log's banner).
        DatabaseAccount account;
        try {
            account = DatabaseAccount.of(dataDir.gateway());
        } catch (IOException e) {
            throw new StackException(
                    "Cannot read the database account of " + dataDir.gateway() + ": " + e.getMessage());
        }
        ChildProcess child = launchGateway(
                "gateway API " + instance.number(),
                additionalGatewaySettings(instanceDir, instance),
                Map.of("BIOTDM_DB_USER", account.user(), "BIOTDM_DB_PASSWORD", account.password()),
                dataDir.logs().resolve("gateway-" + instance.number() + ".log"));
        Progress progress =
                Progress.start(err, "Starting gateway API instance " + instance.number() + " (shared MariaDB)");
        Readiness.stopIfNotReady(
                child,
                () -> Readiness.awaitGateway(
                        child,
                        new ApiClient(instance.apiUrl()),
                        instance.deviceUrl().getPort(),
                        progress));
        progress.done("ready at " + instance.apiUrl());
        return child;
    }

    /** Copies the first instance's key that encrypts people's Fabric keys into a new instance's directory. */
    private void shareKeyEncryptionKey(Path instanceDir) throws IOException {
        OwnerOnlyFiles.createDirectories(instanceDir.resolve("users"));
        OwnerOnlyFiles.copyIfAbsent(
                dataDir.gateway().resolve("users").resolve("key-encryption.key"),
                instanceDir.resolve("users").resolve("key-encryption.key"));
    }

    /** The settings of a further instance: its own directory and ports, the first one's database, CA and keys. */
    private Map<String, String> additionalGatewaySettings(Path instanceDir, GatewayInstance instance) {
        Path first = dataDir.gateway();
        Map<String, String> properties = GatewaySettings.of(
                dataDir,
                devnet,
                organisations(),
                instance.apiUrl().getPort(),
                instance.deviceUrl().getPort());
        if (instance.mqttUrl() != null) {
            properties.put("biotdm.mqtt.enabled", "true");
            properties.put(
                    "biotdm.mqtt.port", Integer.toString(instance.mqttUrl().getPort()));
        }
        properties.put("biotdm.dashboard.dir", home.dashboardDir().toString());
        properties.put("biotdm.data-dir", instanceDir.toString());
        properties.put("datasources.default.url", "jdbc:mariadb://" + HOST + ":" + options.databasePort() + "/biotdm");
        properties.put(
                "biotdm.provisioning.ca-keystore",
                first.resolve("device-ca.p12").toString());
        properties.put("biotdm.provisioning.generate-ca", "false");
        properties.put(
                "biotdm.users.jwt-signing-key",
                first.resolve("users").resolve("jwt-signing-key.pem").toString());
        properties.putAll(options.gatewayProperties());
        return properties;
    }

    /**
     * Returns the dev network's process as last started.
     *
     * @return the process
     * @throws IllegalStateException before the stack started
     */
    public synchronized ChildProcess devnetProcess() {
        if (devnetChild == null) {
            throw new IllegalStateException("The dev network was not started");
        }
        return devnetChild;
    }

    /**
     * Returns the running gateway instances, the first one first.
     *
     * @return the instances
     */
    public synchronized List<GatewayInstance> gateways() {
        return List.copyOf(gateways);
    }

    private ChildProcess launchGateway(
            String name, Map<String, String> properties, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(options.gatewayJvmOptions());
        command.addAll(GatewaySettings.asJvmArguments(properties));
        command.addAll(List.of("-jar", home.gatewayJar().toString()));
        return launch(name, command, environment, log);
    }

    private synchronized ChildProcess launch(
            String name, List<String> command, Map<String, String> environment, Path log) {
        if (stopping) {
            throw new StackException("Stopped before the " + name + " was started");
        }
        ChildProcess child = ChildProcess.start(name, command, environment, home.root(), log);
        children.removeIf(old -> !old.isAlive());
        children.add(child);
        return child;
    }

    /**
     * Returns the organisations' MSP IDs, in the dev network's order.
     *
     * @return the MSP IDs
     */
    public List<String> organisations() {
        return devnet.organisations().stream()
                .map(DevnetConnection.Organisation::mspId)
                .toList();
    }

    /**
     * Returns a client of the gateway's API.
     *
     * @return the client
     */
    public ApiClient api() {
        return new ApiClient(apiUrl());
    }

    /**
     * Returns the API's URL.
     *
     * @return {@code http://127.0.0.1:<api-port>}
     */
    public URI apiUrl() {
        return URI.create("http://" + HOST + ":" + apiPort);
    }

    /**
     * Returns the device port's URL.
     *
     * @return {@code https://127.0.0.1:<device-port>}
     */
    public URI deviceUrl() {
        return URI.create("https://" + HOST + ":" + devicePort);
    }

    /**
     * Returns the MQTT port's URL.
     *
     * @return {@code mqtts://127.0.0.1:<mqtt-port>}, or null when MQTT is off ({@code --mqtt-port -1})
     */
    public URI mqttUrl() {
        return mqttPort < 0 ? null : URI.create("mqtts://" + HOST + ":" + mqttPort);
    }

    /**
     * Returns the Swagger UI's URL.
     *
     * @return {@code http://127.0.0.1:<api-port>/swagger-ui}
     */
    public URI swaggerUrl() {
        return URI.create(apiUrl() + "/swagger-ui");
    }

    /**
     * Returns the operators' dashboard's URL (served by gateway-api on the API port).
     *
     * @return {@code http://127.0.0.1:<api-port>/}
     */
    public URI dashboardUrl() {
        return URI.create(apiUrl() + "/");
    }

    /**
     * Returns the line announcing the running stack.
     *
     * @return {@code READY api=… device=… [mqtt=…] swagger=… dashboard=… credentials=…}
     */
    public String readyLine() {
        return "READY api=" + apiUrl() + " device=" + deviceUrl() + (mqttUrl() == null ? "" : " mqtt=" + mqttUrl())
                + " swagger=" + swaggerUrl() + " dashboard=" + dashboardUrl() + " credentials="
                + dataDir.credentials();
    }

    /**
     * Returns a future completed when any part of the stack exits.
     *
     * @return the future, with the part that exited
     */
    public synchronized CompletableFuture<ChildProcess> anyExit() {
        List<CompletableFuture<ChildProcess>> exits = children.stream()
                .map(child -> child.onExit().thenApply(p -> child))
                .toList();
        CompletableFuture<ChildProcess> first = new CompletableFuture<>();
        exits.forEach(exit -> exit.thenAccept(first::complete));
        return first;
    }

    /**
     * Tells whether {@link #stop} was called.
     *
     * @return true once stopping began
     */
    public synchronized boolean stopping() {
        return stopping;
    }

    /**
     * Stops the gateway, then the dev network (each SIGTERM, then up to 60 s to stop cleanly), and removes {@code
     * stack.properties}. Calling it again does nothing.
     *
     * @throws InterruptedException when interrupted
     */
    public void stop() throws InterruptedException {
        List<ChildProcess> toStop;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(children);
        }
        java.util.Collections.reverse(toStop);
        for (ChildProcess child : toStop) {
            Progress progress = Progress.start(err, "Stopping the " + child.name());
            boolean clean = child.stop(STOP_GRACE);
            progress.done(clean ? "stopped" : "killed (it did not stop within " + STOP_GRACE.toSeconds() + " s)");
        }
        try {
            Files.deleteIfExists(dataDir.stackFile());
        } catch (IOException e) {
            err.println("Cannot delete " + dataDir.stackFile() + ": " + e.getMessage());
        }
    }

    private void checkJars() {
        for (Path jar : List.of(home.devnetJar(), home.chaincodeJar(), home.gatewayJar())) {
            if (!Files.isRegularFile(jar)) {
                throw new StackException(
                        jar + " is missing: build it with scripts/biotdm (or ./mvnw package -DskipTests)");
            }
        }
    }

    private void refuseIfRunning() {
        Optional<StackInfo> running = StackInfo.read(dataDir);
        if (running.isPresent() && running.get().alive()) {
            throw new StackException("A stack already runs on " + dataDir.root() + " (process "
                    + running.get().pid() + ", API " + running.get().apiUrl() + "); stop it with Ctrl-C first");
        }
    }

    private void writeStackFile() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        properties.setProperty("api.url", apiUrl().toString());
        properties.setProperty("device.url", deviceUrl().toString());
        if (mqttUrl() != null) {
            properties.setProperty("mqtt.url", mqttUrl().toString());
        }
        properties.setProperty("swagger.url", swaggerUrl().toString());
        properties.setProperty("dashboard.url", dashboardUrl().toString());
        properties.setProperty(
                "device.server-cert", dataDir.ingressCertificate().toString());
        properties.setProperty("organisations", String.join(",", organisations()));
        StringWriter text = new StringWriter();
        properties.store(text, "The running BIoT-DM stack (removed when it stops)");
        OwnerOnlyFiles.writeString(dataDir.stackFile(), text.toString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
