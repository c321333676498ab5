package org.biotdm.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code biotdm bench devnet [clients] [seconds]}: runs {@code scripts/bench-devnet} (the dev network's benchmark:
 * committed transactions per second with 3 organisations and MAJORITY endorsement, its own warm-up and rounds, and
 * its baseline when {@code BENCH_BASELINE_JAR} is set) and passes its output through, its {@code BENCH devnet …}
 * line last. Exit status: the script's, or 1 when it printed no BENCH line.
 */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description = {
            "Runs scripts/bench-devnet (committed tx/s of the dev network) and passes its BENCH devnet line through"
                    + " as the last line. The script builds network/devnet first (a Maven build).",
            "Environment: as scripts/bench-devnet (BENCH_BASELINE_JAR, ...)."
        })
final class DevnetBench implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "clients",
            defaultValue = "96",
            description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "seconds",
            defaultValue = "20",
            description = "Measured seconds per round (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Mixin
    Console console = new Console();

    /**
     * Checks the arguments.
     *
     * @return the first problem, or null when none
     */
    String validate() {
        if (clients < 1 || clients > 10_000) {
            return "clients must be 1-10000, was " + clients;
        }
        if (seconds < 1 || seconds > 3_600) {
            return "seconds must be 1-3600, was " + seconds;
        }
        return null;
    }

    /**
     * Returns the script's command line.
     *
     * @param home the project
     * @return the command
     */
    List<String> command(Home home) {
        return List.of(
                home.root().resolve("scripts/bench-devnet").toString(),
                Integer.toString(clients),
                Integer.toString(seconds));
    }

    @Override
    public Integer call() throws Exception {
        String problem = validate();
        if (problem != null) {
            return console.refuse(problem);
        }
        Home home = Home.detect();
        Process process = new ProcessBuilder(command(home))
                .directory(home.root().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> benchLines = passThrough(process);
        int status = process.waitFor();
        String last = lastBenchLine(benchLines);
        if (last == null) {
            console.err().println("scripts/bench-devnet printed no BENCH devnet line (status " + status + ")");
            return status == 0 ? 1 : status;
        }
        benchLines.subList(0, benchLines.size() - 1).forEach(console.out()::println);
        console.result(last);
        return status;
    }

    /** Copies the script's output to standard output as it comes, except its BENCH lines, which it returns. */
    private List<String> passThrough(Process process) throws IOException {
        List<String> benchLines = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("BENCH devnet")) {
                    benchLines.add(line);
                } else {
                    console.out().println(line);
                    console.out().flush();
                }
            }
        }
        return benchLines;
    }

    /**
     * Returns the last BENCH line.
     *
     * @param benchLines the BENCH lines seen, in order
     * @return the last, or null when none
     */
    static String lastBenchLine(List<String> benchLines) {
        return benchLines.isEmpty() ? null : benchLines.get(benchLines.size() - 1);
    }
}
