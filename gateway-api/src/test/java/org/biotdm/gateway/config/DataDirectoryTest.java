package org.biotdm.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path root;

    @Test
    void a_missing_directory_is_created_with_its_parents_and_readable_by_its_owner_only() throws Exception {
        Path missing = root.resolve("a/b/gateway");

        DataDirectory directory = new DataDirectory(missing);

        assertThat(directory.path()).isEqualTo(missing.toAbsolutePath()).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(missing)))
                .isEqualTo("rwx------");
    }

    @Test
    void an_existing_directory_keeps_its_permissions() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-x---"));

        new DataDirectory(root);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void a_relative_setting_is_resolved_against_the_working_directory_and_names_resolve_inside_it() {
        DataDirectory directory = new DataDirectory(Path.of("target", "..", "target", "data-directory-test"));

        assertThat(directory.path())
                .isEqualTo(Path.of("target", "data-directory-test").toAbsolutePath());
        assertThat(directory.resolve("users", "jwt-signing-key.pem"))
                .isEqualTo(directory.path().resolve("users").resolve("jwt-signing-key.pem"));
    }

    @Test
    void the_bean_is_biotdm_data_dir() {
        Path configured = root.resolve("from-settings");
        try (var context = TestSettings.start(Map.of("biotdm.data-dir", configured.toString()))) {
            assertThat(context.getBean(DataDirectory.class).path())
                    .isEqualTo(configured)
                    .isDirectory();
        }
    }
}
