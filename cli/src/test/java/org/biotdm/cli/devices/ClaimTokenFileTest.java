package org.biotdm.cli.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimTokenFileTest {
    @TempDir
    Path dir;

    @Test
    void creates_the_file_owner_only_and_writes_each_token_once() throws IOException {
        Path file = dir.resolve("fleet.claim-tokens.csv");
        Map<String, String> first;
        try (ClaimTokenFile tokens = ClaimTokenFile.open(file)) {
            first = tokens.tokensFor(List.of("d-1", "d-2"));
            assertThat(tokens.tokensFor(List.of("d-2", "d-1"))).isEqualTo(first);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllLines(file))
                .containsExactly(ClaimTokenFile.HEADER, "d-1," + first.get("d-1"), "d-2," + first.get("d-2"));
        assertThat(first.get("d-1")).hasSize(43).isNotEqualTo(first.get("d-2"));
    }

    @Test
    void a_reopened_file_gives_the_same_tokens_and_appends_only_new_devices() throws IOException {
        Path file = dir.resolve("tokens.csv");
        String d1;
        try (ClaimTokenFile tokens = ClaimTokenFile.open(file)) {
            d1 = tokens.tokensFor(List.of("d-1")).get("d-1");
        }
        try (ClaimTokenFile tokens = ClaimTokenFile.open(file)) {
            assertThat(tokens.find("d-1")).contains(d1);
            assertThat(tokens.tokensFor(List.of("d-1", "d-3")).get("d-1")).isEqualTo(d1);
        }

        assertThat(Files.readAllLines(file)).hasSize(3).element(1).isEqualTo("d-1," + d1);
    }

    @Test
    void refuses_a_file_others_may_read() throws IOException {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, ClaimTokenFile.HEADER + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ClaimTokenFile.open(file)).hasMessageContaining("may have leaked");
    }

    @Test
    void refuses_a_line_that_is_not_a_device_and_its_token() throws IOException {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, ClaimTokenFile.HEADER + "\nd-1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> ClaimTokenFile.open(file)).hasMessageContaining("line 2 is not deviceId,claimToken");
    }

    @Test
    void hashes_a_token_as_the_gateway_does() {
        assertThat(ClaimTokenFile.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
