package org.biotdm.gateway.db;

import java.nio.file.Path;

/**
 * A stand-in for a gateway that the test kills with SIGKILL: starts an embedded MariaDB on the data directory and
 * port given as arguments, prints {@code READY <pid of mariadbd>} and waits to be killed.
 */
public final class OrphanedMariaDbMain {
    private OrphanedMariaDbMain() {}

    /**
     * Runs it.
     *
     * @param args the data directory, the binaries' base directory, the port
     * @throws InterruptedException never in practice: it waits until killed
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
        System.out.println("READY " + server.process().orElseThrow().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
