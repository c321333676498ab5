package org.biotdm.cli;

import java.io.PrintStream;
import java.util.Objects;
import picocli.CommandLine.Command;

/**
 * Where a command writes: its result line ({@code READY …}, {@code VERIFY …}, {@code LOAD …}, {@code BENCH …}) to
 * standard output, progress and messages to standard error. A picocli mixin without options that every command
 * shares; tests, and commands that run another command's code, point it elsewhere with {@link #of}.
 */
@Command
public final class Console {
    /** The exit status of a command whose arguments are wrong (picocli's usage-error status). */
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the console of the standard streams (what picocli instantiates for a {@code @Mixin}). */
    public Console() {
        this(System.out, System.err);
    }

    private Console(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Returns a console writing to given streams.
     *
     * @param out where result lines go
     * @param err where progress and messages go
     * @return the console
     */
    public static Console of(PrintStream out, PrintStream err) {
        return new Console(out, err);
    }

    /**
     * Returns where result lines go.
     *
     * @return standard output, unless redirected
     */
    public PrintStream out() {
        return out;
    }

    /**
     * Returns where progress and messages go.
     *
     * @return standard error, unless redirected
     */
    public PrintStream err() {
        return err;
    }

    /**
     * Prints a result line at once (scripts read the last line while the command may still run).
     *
     * @param line for example {@code BENCH verify …}
     */
    public void result(String line) {
        out.println(line);
        out.flush();
    }

    /**
     * Refuses the arguments: prints the problem to standard error.
     *
     * @param problem what is wrong, naming the option
     * @return {@link #USAGE}, the command's exit status
     */
    public int refuse(String problem) {
        err.println(problem);
        return USAGE;
    }
}
