package org.biotdm.cli.devices;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code biotdm devices}: onboarding a fleet through the gateway's API. */
@Command(
        name = "devices",
        mixinStandardHelpOptions = true,
        description = "Onboards devices through the gateway's API.",
        subcommands = {ImportCommand.class, CommandLine.HelpCommand.class})
public final class DevicesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: import");
    }
}
