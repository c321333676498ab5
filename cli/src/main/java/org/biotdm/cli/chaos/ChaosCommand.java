package org.biotdm.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.bench.BenchStack;
import org.biotdm.cli.stack.GatewayInstance;
import org.biotdm.cli.stack.Stack;
import org.biotdm.device.sdk.DeviceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm chaos}: starts a supervised stack of its own (temporary data directory unless {@code --data-dir},
 * free ports), has simulated devices replay the Suthaharan motes' real readings through the SDK with durable
 * buffers while an operator issues commands, injects the faults ({@link Faults}) at random moments, then drains the
 * devices and checks the history ({@link ChaosChecker}). The last line is {@code CHAOS faults=… acked=… lost=…
 * duplicated=… windows=… unanchored=… commands=… executed_twice=… recover_p50_s=… recover_max_s=… manual_steps=…
 * result=OK|FAIL}; exit status 0 only for {@code result=OK}, 1 otherwise, 2 for bad arguments.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Fault-injection run: devices replay real data and operators issue commands while the gateway, MariaDB"
                    + " and the dev network are killed (SIGKILL) and the ledger frozen (SIGSTOP) at random moments;"
                    + " the stack's supervisor starts them again. Then checks every acknowledged reading is stored"
                    + " exactly once, every window anchored, no command executed twice.",
            "Last line: CHAOS faults=... acked=... lost=0 duplicated=0 windows=... unanchored=0 commands=..."
                    + " executed_twice=0 recover_p50_s=... recover_max_s=... manual_steps=0 result=OK"
        })
public final class ChaosCommand implements Callable<Integer> {
    @Option(
            names = "--duration",
            paramLabel = "S",
            defaultValue = "3600",
            description = "Seconds of load and faults (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(
            names = "--devices",
            paramLabel = "N",
            defaultValue = "6",
            description = "Simulated devices, one Suthaharan mote each, 1-8 (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "4",
            description = "Readings per second each device sends (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--gateway-kills",
            paramLabel = "N",
            defaultValue = "20",
            description = "SIGKILLs of the gateway (default: ${DEFAULT-VALUE}).")
    int gatewayKills;

    @Option(
            names = "--second-gateway-kills",
            paramLabel = "N",
            defaultValue = "5",
            description = "SIGKILLs of a second gateway instance sharing the first one's MariaDB, which serves half of"
                    + " the devices; 0 runs one instance (default: ${DEFAULT-VALUE}).")
    int secondGatewayKills;

    @Option(
            names = "--mariadb-kills",
            paramLabel = "N",
            defaultValue = "10",
            description = "SIGKILLs of the embedded MariaDB (default: ${DEFAULT-VALUE}).")
    int mariadbKills;

    @Option(
            names = "--devnet-kills",
            paramLabel = "N",
            defaultValue = "5",
            description = "SIGKILLs of the dev network (default: ${DEFAULT-VALUE}).")
    int devnetKills;

    @Option(
            names = "--ledger-stops",
            paramLabel = "N",
            defaultValue = "10",
            description = "SIGSTOPs of the dev network (default: ${DEFAULT-VALUE}).")
    int ledgerStops;

    @Option(
            names = "--ledger-stop-s",
            paramLabel = "S",
            defaultValue = "60",
            description = "How long each SIGSTOP lasts before SIGCONT, s (default: ${DEFAULT-VALUE}).")
    int ledgerStopSeconds;

    @Option(
            names = "--command-every-s",
            paramLabel = "S",
            defaultValue = "5",
            description = "Seconds between the operator's commands (default: ${DEFAULT-VALUE}).")
    int commandEverySeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of the fault plan (default: random).")
    Long seed;

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Mixin
    Console console = new Console();

    /**
     * Checks the options' ranges.
     *
     * @return the first problem, or null when none
     */
    String validate() {
        if (durationSeconds < 10 || devices < 1 || devices > 8 || rate <= 0 || rate > 1_000) {
            return "--duration must be 10 or more, --devices 1-8 and --rate above 0 and at most 1000";
        }
        if (gatewayKills < 0 || secondGatewayKills < 0 || mariadbKills < 0 || devnetKills < 0 || ledgerStops < 0) {
            return "fault counts must be 0 or more";
        }
        if (ledgerStopSeconds < 1 || commandEverySeconds < 1) {
            return "--ledger-stop-s and --command-every-s must be 1 or more";
        }
        if (secondGatewayKills > 0 && devices < 2) {
            return "--second-gateway-kills needs 2 or more --devices (every other device uses the second instance)";
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        if (secondGatewayKills > 0) {
            benchStack.fixDatabasePort();
        }
        return benchStack.run(console, validate(), this::run);
    }

    private int run(Stack stack) throws Exception {
        long seedValue = seed != null ? seed : new Random().nextLong();
        Random random = new Random(seedValue);
        console.err().println("CHAOS seed=" + seedValue + " (--seed repeats this fault plan)");
        Path historyFile = stack.dataDir().root().resolve("chaos-history.csv");
        Credentials credentials = Credentials.load(stack.dataDir().credentials());
        String org1 = stack.organisations().get(0);
        DeviceRegistrar registrar =
                DeviceRegistrar.asAdmin(stack.api(), credentials, org1, id -> "wsn-mote", ChaosLoad.GROUP);
        stack.api().grantOperator(credentials, org1, ChaosLoad.GROUP, List.of(ChaosCommands.COMMAND_TYPE));
        List<GatewayInstance> gateways = new ArrayList<>(stack.gateways());
        if (secondGatewayKills > 0) {
            gateways.add(stack.startAdditionalGateway());
        }
        long start = System.currentTimeMillis();
        List<DeviceFleet> fleets = new ArrayList<>();
        try (ChaosHistory history = new ChaosHistory(historyFile)) {
            for (GatewayInstance gateway : gateways) {
                fleets.add(DeviceFleet.open(
                        gateway.deviceUrl(),
                        gateway.serverCertificate(),
                        stack.dataDir().devices(),
                        registrar,
                        true));
            }
            ChaosSummary summary = exercise(
                    stack, history, fleets, credentials.find(org1, "operator").orElseThrow(), random, start);
            console.err().println("History: " + historyFile);
            console.result(summary.line());
            return summary.ok() ? 0 : 1;
        }
    }

    /** Runs the load, the commands and the faults for the run's duration, then drains the devices and checks. */
    private ChaosSummary exercise(
            Stack stack,
            ChaosHistory history,
            List<DeviceFleet> fleets,
            Credentials.Login operator,
            Random random,
            long start)
            throws Exception {
        ChaosLoad load = new ChaosLoad(fleets, history, rate);
        List<DeviceClient> clients = load.start(devices);
        ChaosCommands commands =
                new ChaosCommands(stack.api(), operator, fleets.get(0).loop().timer(), clients, random);
        commands.start(Duration.ofSeconds(commandEverySeconds));
        Faults faults = new Faults(
                stack, history, console.err(), Duration.ofSeconds(ledgerStopSeconds), load.devicesByGateway());
        List<Faults.Outcome> outcomes = injectAll(faults, random, start);
        long left = start + durationSeconds * 1000L - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
        load.stop();
        load.awaitEnd();
        boolean drained = load.drain(console.err());
        commands.close();
        ChaosChecker.Findings findings = new ChaosChecker(stack, console.err()).check(history, start);
        return ChaosSummary.of(outcomes, faults, history, findings, commands, drained);
    }

    private List<Faults.Outcome> injectAll(Faults faults, Random random, long start) throws InterruptedException {
        List<Faults.Kind> plan = Faults.plan(
                new int[] {gatewayKills, secondGatewayKills, mariadbKills, devnetKills, ledgerStops}, random);
        List<Duration> moments = Faults.moments(plan.size(), Duration.ofSeconds(durationSeconds), random);
        List<Faults.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            long wait = start + moments.get(i).toMillis() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            outcomes.add(faults.inject(plan.get(i)));
        }
        return outcomes;
    }
}
