package org.biotdm.cli.stack;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
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
        ChildProcess exited = StackRunner.awaitUnexpectedExit(stack);
        err.println("The " + (exited == null ? "stack" : exited.name()) + " stopped by itself (status "
                + (exited == null ? "?" : exited.exitValue()) + "); stopping the rest."
                + (exited == null ? "" : " See " + exited.log()));
        stack.stop();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 1;
    }
}
