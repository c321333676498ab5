package org.biotdm.cli.stack;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code biotdm up}: starts the stack, prints a line starting with {@code READY}, and stays in the foreground until
 * Ctrl-C (SIGINT) or SIGTERM, then stops the gateway and the dev network. Meanwhile it supervises them: a part that
 * dies is started again with back-off on the same ports ({@link Supervisor}). Exit status 1 when a part fails to
 * start.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the dev network (3 organisations, the BIoT-DM chaincode) and the gateway API on an embedded"
                    + " MariaDB; on first start creates each organisation's first admin and an operator and an"
                    + " auditor of Org1, with their passwords in DIR/credentials.properties.",
            "Prints a line starting with READY, then runs until Ctrl-C, starting again any part that dies (same"
                    + " ports; ports chosen with 0 are kept in DIR/ports.properties). A second run reuses DIR."
        })
public final class UpCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions = new StackOptions();

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() throws Exception {
        String problem = stackOptions.validate();
        if (problem != null) {
            return console.refuse(problem);
        }
        PrintStream err = console.err();
        Stack stack = new Stack(Home.detect(), stackOptions, err);
        Thread hook = StackRunner.stopOnShutdown(stack, err);
        try {
            StackRunner.startAndAnnounce(stack, console.out(), err);
        } catch (StackException e) {
            err.println(e.describe());
            return 1;
        }
        stack.supervise((part, down) -> {});
        // Runs until Ctrl-C or SIGTERM, whose shutdown hook stops the stack and then ends the JVM.
        new CountDownLatch(1).await();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }
}
