package org.biotdm.cli;

import org.biotdm.cli.audit.AuditCommand;
import org.biotdm.cli.bench.BenchCommand;
import org.biotdm.cli.bench.ConnectionsWorker;
import org.biotdm.cli.chaos.ChaosCommand;
import org.biotdm.cli.cluster.ClusterCommand;
import org.biotdm.cli.demo.DemoCommand;
import org.biotdm.cli.devices.DevicesCommand;
import org.biotdm.cli.replay.LoadCommand;
import org.biotdm.cli.replay.ReplayMount;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.StackException;
import org.biotdm.cli.stack.UpCommand;
import org.biotdm.cli.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code biotdm} command line ({@code scripts/biotdm}): {@code up}, {@code verify}, {@code audit}, {@code demo}, {@code devices}, {@code
 * replay} and {@code bench}.
 */
@Command(
        name = "biotdm",
        mixinStandardHelpOptions = true,
        version = "biotdm 0.1.0",
        description = "Runs and checks a BIoT-DM stack on this machine.",
        subcommands = {
            UpCommand.class,
            VerifyCommand.class,
            AuditCommand.class,
            DemoCommand.class,
            DevicesCommand.class,
            BenchCommand.class,
            LoadCommand.class,
            ChaosCommand.class,
            ClusterCommand.class,
            ConnectionsWorker.class,
            CommandLine.HelpCommand.class
        })
public final class BiotdmMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments; {@code --help} lists them
     */
    public static void main(String[] args) {
        if (args.length > 0 && "replay".equals(args[0])) {
            // device-sim's replay command, with the running stack's defaults (see ReplayMount).
            System.exit(
                    ReplayMount.run(Home.detect(), java.util.Arrays.asList(args).subList(1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * Builds the command line, with errors of a stack printed as messages (and the end of the failed part's log)
     * rather than stack traces.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BiotdmMain());
        // Listed in the help; main() runs it through ReplayMount, which knows --data-dir.
        commandLine.addSubcommand(
                "replay", ReplayMount.replay(new DataDir(Home.detect().defaultDataDir())));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e instanceof StackException s ? s.describe() : "biotdm: " + e);
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: up, verify, audit, demo, replay or bench");
    }
}
