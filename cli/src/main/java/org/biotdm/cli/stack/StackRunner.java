package org.biotdm.cli.stack;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/** Starting, announcing and stopping a stack, shared by {@code up}, {@code demo} and the benchmarks. */
public final class StackRunner {
    private StackRunner() {}

    /**
     * Registers a JVM shutdown hook (Ctrl-C, SIGTERM, System.exit) that stops the stack.
     *
     * @param stack the stack
     * @param err where messages go
     * @return the hook
     */
    public static Thread stopOnShutdown(Stack stack, PrintStream err) {
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
     * @throws StackException when a part cannot start
     * @throws Exception when the stack cannot start for another reason
     */
    public static void startAndAnnounce(Stack stack, PrintStream out, PrintStream err) throws Exception {
        List<String> created = stack.start();
        for (String person : created) {
            err.println("Created " + person);
        }
        err.println("Dashboard: " + stack.dashboardUrl() + " (sign in with a person from the credentials file)");
        err.println("People and passwords: " + stack.dataDir().credentials() + " (owner-only)");
        err.println("Logs: " + stack.dataDir().logs() + "/{devnet,gateway}.log");
        err.println("Device port certificate (pin it on devices): "
                + stack.dataDir().ingressCertificate());
        out.println(stack.readyLine());
        out.flush();
        err.println("Press Ctrl-C to stop.");
    }

    /**
     * Waits until a part of the running stack exits. When that is because the stack is being stopped (Ctrl-C or
     * SIGTERM: the shutdown hook stops it, and the JVM ends when it is done), it never returns.
     *
     * @param stack the running stack
     * @return the part that exited by itself, or null when it is unknown
     * @throws InterruptedException when interrupted
     */
    public static ChildProcess awaitUnexpectedExit(Stack stack) throws InterruptedException {
        ChildProcess exited;
        try {
            exited = stack.anyExit().get();
        } catch (ExecutionException e) {
            exited = null;
        }
        if (stack.stopping()) {
            new CountDownLatch(1).await();
        }
        return exited;
    }
}
