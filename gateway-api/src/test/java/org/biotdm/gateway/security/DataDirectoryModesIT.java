package org.biotdm.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.biotdm.devnet.Devnet;
import org.biotdm.gateway.db.EmbeddedDatabase;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * The first start of the whole embedded stack (a dev network, then the gateway with its embedded MariaDB) in a fresh
 * data directory, watched while it happens: no file or directory under it may ever be readable, writable or
 * searchable by the group or by other users, at any moment the watcher sees it (inotify, so within microseconds of
 * each creation and {@code chmod}).
 */
class DataDirectoryModesIT {

    @Test
    void no_file_or_directory_of_a_first_start_is_ever_open_to_other_users() throws Exception {
        Path root = TestGateway.dataDir("first-start");
        Map<String, Set<String>> seen;
        try (PermissionWatcher watcher = PermissionWatcher.start(root)) {
            firstStart(root);
            watcher.close();
            seen = watcher.seen();
        }

        assertThat(seen)
                .as("the stack wrote its files")
                .containsKeys("devnet", "gateway", "gateway/mariadb", "gateway/device-ca.p12");
        assertThat(seen.keySet())
                .as("the embedded MariaDB's tables")
                .anyMatch(p -> p.startsWith("gateway/mariadb/mysql/"));
        assertThat(openToOthers(seen))
                .as("entries seen with group or other permissions")
                .isEmpty();
    }

    private static void firstStart(Path root) throws Exception {
        Path devnetDir = root.resolve("devnet");
        try (Devnet devnet = TestDevnet.start(devnetDir)) {
            Map<String, Object> properties = new HashMap<>(TestDevnet.ledgerProperties(devnet, devnetDir, 0));
            properties.put("biotdm.data-dir", root.resolve("gateway").toString());
            properties.put("micronaut.server.port", -1);
            properties.put("biotdm.ingress.port", 0);
            try (ApplicationContext gateway = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST)
                    .getApplicationContext()) {
                assertThat(gateway.getBean(EmbeddedDatabase.class).server())
                        .as("the gateway started its embedded MariaDB")
                        .isPresent();
                assertThat(Files.exists(root.resolve("gateway").resolve("users")))
                        .isTrue();
            }
        }
    }

    /** Every entry with any mode that gives the group or other users a right, with those modes. */
    private static Map<String, Set<String>> openToOthers(Map<String, Set<String>> seen) {
        Map<String, Set<String>> open = new HashMap<>();
        seen.forEach((path, modes) -> {
            if (modes.stream().anyMatch(mode -> !mode.substring(3).equals("------"))) {
                open.put(path, modes);
            }
        });
        return open;
    }
}
