package org.biotdm.cli.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code biotdm cluster SUBCOMMAND}: cluster-head session keys with real devices of a running stack. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Cluster-head session keys (protocol/cluster-keys-v1.md) with the devices of a running stack.",
        subcommands = {ClusterRunCommand.class, CommandLine.HelpCommand.class})
public final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: run");
    }
}
