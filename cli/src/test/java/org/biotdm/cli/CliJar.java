package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture of the ITs that run {@code target/biotdm.jar} as a user would: a separate JVM with the project's home
 * ({@code biotdm.home}, {@code biotdm.cli.jar} from failsafe), standard error inherited.
 */
public final class CliJar {
    private CliJar() {}

    /**
     * Starts {@code biotdm.jar} with arguments.
     *
     * @param args the arguments, for example {@code up --data-dir …}
     * @return the process; its standard output is for the caller to read
     * @throws IOException when the JVM cannot be started
     */
    public static Process start(String... args) throws IOException {
        return new ProcessBuilder(command(args))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /**
     * Runs {@code biotdm.jar} to its end.
     *
     * @param args the arguments
     * @return its standard output and exit status
     * @throws Exception when it cannot be started or does not end within five minutes
     */
    public static Result run(String... args) throws Exception {
        return finish(start(args));
    }

    /**
     * Runs {@code biotdm.jar} to its end with standard error merged into the output, for tests of what it prints there.
     *
     * @param args the arguments
     * @return its standard output and error, interleaved, and exit status
     * @throws Exception when it cannot be started or does not end within five minutes
     */
    public static Result runMerged(String... args) throws Exception {
        return finish(
                new ProcessBuilder(command(args)).redirectErrorStream(true).start());
    }

    /**
     * Waits for the {@code READY} line of {@code up}.
     *
     * @param up the process of {@code up}
     * @return the line
     * @throws Exception when none comes within ten minutes
     */
    public static String awaitReady(Process up) throws Exception {
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        return line;
                    }
                }
                return "exited before READY";
            } catch (IOException e) {
                return "cannot read: " + e;
            }
        });
        String line = ready.get(10, TimeUnit.MINUTES);
        assertThat(line).startsWith("READY");
        return line;
    }

    /**
     * Returns a port free at the time of the call.
     *
     * @return the port
     * @throws IOException when no socket can be opened
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Result finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        return new Result(output, process.exitValue());
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbiotdm.home=" + System.getProperty("biotdm.home"),
                "-jar",
                System.getProperty("biotdm.cli.jar")));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * What a finished run printed.
     *
     * @param output its standard output
     * @param exitStatus its exit status
     */
    public record Result(String output, int exitStatus) {}
}
