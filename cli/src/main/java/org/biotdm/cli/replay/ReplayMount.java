package org.biotdm.cli.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.Home;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.StackException;
import org.biotdm.cli.stack.StackInfo;
import org.biotdm.device.sim.ReplayCommand;
import picocli.CommandLine;

/**
 * Mounts device-sim's {@code replay} command in {@code biotdm} with the running stack's defaults: the device port
 * ({@code --gateway}) and its certificate ({@code --server-cert}) from {@code <data-dir>/stack.properties}, devices'
 * state in {@code <data-dir>/devices}, and devices not provisioned yet registered through the admin API as the first
 * organisation's admin of {@code credentials.properties}. {@code --data-dir DIR} picks the stack.
 */
public final class ReplayMount {
    private ReplayMount() {}

    /**
     * Takes {@code --data-dir DIR} (or {@code --data-dir=DIR}) out of the replay arguments, which device-sim's command
     * does not know.
     *
     * @param args the arguments after {@code replay}
     * @param rest receives the other arguments
     * @return the data directory, if given
     */
    public static Optional<Path> extractDataDir(List<String> args, List<String> rest) {
        Path dataDir = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ("--data-dir".equals(arg) && i + 1 < args.size()) {
                dataDir = Path.of(args.get(++i));
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else {
                rest.add(arg);
            }
        }
        return Optional.ofNullable(dataDir);
    }

    /**
     * Builds the replay command for a data directory.
     *
     * @param dataDir the stack's data directory
     * @return the command line of {@code replay}
     */
    public static CommandLine replay(DataDir dataDir) {
        Optional<StackInfo> stack = StackInfo.read(dataDir).filter(StackInfo::alive);
        ApiClient api =
                new ApiClient(stack.map(StackInfo::apiUrl).orElse(java.net.URI.create("http://127.0.0.1:8080")));
        DeviceRegistrar registrar = registrar(
                api, dataDir, ": start the stack with scripts/biotdm up, or give --claim-tokens", "replay", "replay");
        CommandLine replay = new CommandLine(new ReplayCommand(registrar));
        replay.getCommandSpec().name("biotdm replay");
        replay.getCommandSpec()
                .usageMessage()
                .footer(
                        "",
                        "biotdm replay also takes --data-dir DIR (default: data/ in the project): the running stack's"
                                + " device port, its certificate and DIR/devices are the defaults of --gateway,"
                                + " --server-cert and --state-dir, and devices not provisioned yet are registered"
                                + " through the admin API as Org1's admin of DIR/credentials.properties.");
        optionalServerCert(replay.getCommandSpec());
        replay.setDefaultValueProvider(stackDefaults(stack, dataDir));
        return replay;
    }

    /**
     * Makes device-sim's required {@code --server-cert} optional here, since the data directory supplies it, and says
     * where its default lies.
     */
    private static void optionalServerCert(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.OptionSpec original = spec.findOption("--server-cert");
        spec.remove(original);
        spec.addOption(CommandLine.Model.OptionSpec.builder(original)
                .required(false)
                .description("The device port's certificate or CA, PEM (default: DIR/gateway/ingress/server-cert.pem).")
                .build());
    }

    /**
     * The running stack's device port, its certificate and the data directory's devices/ as defaults of --gateway,
     * --server-cert and --state-dir.
     */
    private static CommandLine.IDefaultValueProvider stackDefaults(Optional<StackInfo> stack, DataDir dataDir) {
        return arg -> {
            if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
                return null;
            }
            return switch (option.longestName()) {
                case "--gateway" -> stack.map(s -> s.deviceUrl().toString()).orElse(null);
                case "--server-cert" -> dataDir.ingressCertificate().toString();
                case "--state-dir" -> dataDir.devices().toString();
                default -> null;
            };
        };
    }

    /**
     * Returns the registrar of a running stack's devices: Org1's admin of its {@code credentials.properties} (any
     * organisation's admin when Org1 has none) registers them.
     *
     * @param api the running stack's API
     * @param dataDir its data directory
     * @param hint what follows "No admin in FILE" when nobody is recorded
     * @param deviceType the devices' type, for example {@code replay}
     * @param group the devices' group
     * @return the registrar; a missing admin fails the first registration ({@link StackException})
     */
    static DeviceRegistrar registrar(ApiClient api, DataDir dataDir, String hint, String deviceType, String group) {
        Credentials credentials = Credentials.load(dataDir.credentials());
        return new DeviceRegistrar(
                api,
                () -> credentials
                        .find("Org1MSP", "admin")
                        .or(() -> credentials.findAny("admin"))
                        .orElseThrow(() -> new StackException("No admin in " + dataDir.credentials() + hint)),
                "Org1MSP",
                id -> deviceType,
                group);
    }

    /**
     * Runs {@code biotdm replay …}.
     *
     * @param home the project
     * @param args the arguments after {@code replay}
     * @return the exit status
     */
    public static int run(Home home, List<String> args) {
        List<String> rest = new ArrayList<>();
        DataDir dataDir = new DataDir(extractDataDir(args, rest).orElse(home.defaultDataDir()));
        CommandLine replay = replay(dataDir);
        replay.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e instanceof StackException s ? s.describe() : "biotdm replay: " + e.getMessage());
            return 1;
        });
        return replay.execute(rest.toArray(String[]::new));
    }
}
