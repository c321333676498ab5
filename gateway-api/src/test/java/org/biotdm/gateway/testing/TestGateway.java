package org.biotdm.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties most integration tests start the gateway with: a fresh data directory under {@code
 * target/it-data}, a database of their own on the shared embedded MariaDB, and optionally the dev network's
 * organisation 0 (ledger and people's enrolment).
 */
public final class TestGateway {
    private TestGateway() {}

    /**
     * Returns the properties.
     *
     * @param name names the database and the data directory
     * @param withLedger whether to connect to the shared dev network as Org1
     * @return mutable properties, for the test to add its own
     */
    public static Map<String, String> properties(String name, boolean withLedger) {
        Map<String, String> properties = new HashMap<>();
        if (withLedger) {
            TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        }
        TestMariaDb.datasourceProperties(name).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.put("biotdm.data-dir", dataDir(name).toString());
        return properties;
    }

    /**
     * Creates a fresh data directory.
     *
     * @param name the directory name's prefix
     * @return the directory, absolute
     */
    public static Path dataDir(String name) {
        try {
            return Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
