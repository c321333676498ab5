package org.biotdm.cli.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Progress;

/** Waiting for a part of the stack to be ready, and stopping one that does not become ready. */
final class Readiness {
    private static final Duration GATEWAY_START = Duration.ofMinutes(5);
    private static final String HOST = "127.0.0.1";

    private Readiness() {}

    /** Waits for a child to be ready; stops it when it is not, so that no half-started part is left behind. */
    static void stopIfNotReady(ChildProcess child, ReadyWait wait) throws InterruptedException {
        try {
            wait.await();
        } catch (StackException e) {
            child.stop(Duration.ofSeconds(10));
            throw e;
        }
    }

    /** A wait for readiness that fails with {@link StackException}. */
    @FunctionalInterface
    interface ReadyWait {
        void await() throws InterruptedException;
    }

    /** Waits up to five minutes until the gateway's API answers and its device port accepts connections. */
    static void awaitGateway(ChildProcess child, ApiClient api, int port, Progress progress)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(GATEWAY_START);
        while (!(api.answers() && listening(port))) {
            if (!child.isAlive()) {
                throw new StackException(
                        "The " + child.name() + " exited with status " + child.exitValue() + " before it was ready",
                        child);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(
                        "The " + child.name() + " was not ready within " + GATEWAY_START.toSeconds() + " s", child);
            }
            progress.tick();
            Thread.sleep(250);
        }
    }

    /** Tells whether something accepts TCP connections on a loopback port. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
