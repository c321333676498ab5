package org.biotdm.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code biotdm bench NAME}: the benchmarks of issue 6. Each benchmark is a subcommand and prints its figures as its
 * last line, one line {@code BENCH name k=v …}, with the baseline it is compared with measured in the same run.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a benchmark; its last line is BENCH <name> k=v ..., with the baseline measured in the same run.",
            "The machine may be shared and noisy: run a benchmark several times and report the median."
        },
        subcommands = {
            IngestBenchCommand.class,
            CommandsBench.class,
            VerifyBench.class,
            DevnetBench.class,
            ConnectionsBench.class,
            SoakBench.class,
            TlsBench.class,
            ClusterBench.class,
            OnboardingBench.class,
            OtaBench.class,
            CommandLine.HelpCommand.class
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing benchmark: one of "
                        + String.join(", ", spec.subcommands().keySet()));
    }
}
