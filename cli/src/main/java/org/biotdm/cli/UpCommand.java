package org.biotdm.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code biotdm up}: starts the stack, prints a line starting with {@code READY}, and stays in the foreground until
 * Ctrl-C (SIGINT) or SIGTERM, then stops the gateway and the dev network. Exit status 1 when a part fails to start or
 * stops by itself.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the dev network (3 organisations, the BIoT-DM chaincode) and the gateway API on an embedded"
                    + " MariaDB; on first start creates each organisation's first admin and an operator and an"
                    + " auditor of Org1, with their passwords in DIR/credentials.properties.",
            "Prints a line starting with READY, then runs until Ctrl-C. A second run reuses DIR."
        })
public final class UpCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions = new StackOptions();

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the command printing to the standard streams. */
    public UpCommand() {
        this(System.out, System.err);
    }

    /**
     * Creates the command.
     *
     * @param out where the READY line goes
     * @param err where progress goes
     */
    public UpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        String problem = stackOptions.validate();
        if (problem != null) {
            err.println(problem);
            return 2;
        }
        Stack stack = new Stack(Home.detect(), stackOptions, err);
        Thread hook = StackRunner.stopOnShutdown(stack, err);
        try {
            StackRunner.startAndAnnounce(stack, out, err);
        } catch (StackException e) {
            err.println(e.describe());
            return 1;
        }
        ChildProcess exited;
        try {
            exited = stack.anyExit().get();
        } catch (ExecutionException e) {
            exited = null;
        }
        if (stack.stopping()) {
            // Ctrl-C or SIGTERM: the shutdown hook is stopping the stack; the JVM ends when it is done.
            new java.util.concurrent.CountDownLatch(1).await();
        }
        err.println("The " + (exited == null ? "stack" : exited.name()) + " stopped by itself (status "
                + (exited == null ? "?" : exited.exitValue()) + "); stopping the rest."
                + (exited == null ? "" : " See " + exited.log()));
        stack.stop();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 1;
    }

    /** Starting, announcing and stopping a stack, shared by {@code up} and {@code demo}. */
    static final class StackRunner {
        private StackRunner() {}

        /**
         * Registers a JVM shutdown hook (Ctrl-C, SIGTERM, System.exit) that stops the stack.
         *
         * @param stack the stack
         * @param err where messages go
         * @return the hook
         */
        static Thread stopOnShutdown(Stack stack, PrintStream err) {
            Thread hook = new Thread(
                    () -> {
                        try {
                            stack.stop();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        err.flush();
                    },
                    "biotdm-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        }

        /**
         * Starts the stack and prints the people created, where things are, and the READY line.
         *
         * @param stack the stack
         * @param out where the READY line goes
         * @param err where the rest goes
         * @throws Exception when the stack cannot start
         */
        static void startAndAnnounce(Stack stack, PrintStream out, PrintStream err) throws Exception {
            List<String> created = stack.start();
            for (String person : created) {
                err.println("Created " + person);
            }
            err.println("People and passwords: " + stack.dataDir().credentials() + " (owner-only)");
            err.println("Logs: " + stack.dataDir().logs() + "/{devnet,gateway}.log");
            err.println("Device port certificate (pin it on devices): "
                    + stack.dataDir().ingressCertificate());
            out.println(stack.readyLine());
            out.flush();
            err.println("Press Ctrl-C to stop.");
        }
    }
}
