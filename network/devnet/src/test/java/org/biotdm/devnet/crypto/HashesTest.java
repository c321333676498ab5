package org.biotdm.devnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashesTest {
    @Test
    void sha256_matches_the_fips_180_test_vector() {
        byte[] digest = Hashes.sha256("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().formatHex(digest))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sha256_of_parts_equals_sha256_of_their_concatenation() {
        byte[] whole =
                Hashes.sha256("nonce".getBytes(StandardCharsets.UTF_8), "creator".getBytes(StandardCharsets.UTF_8));

        assertThat(whole).isEqualTo(Hashes.sha256("noncecreator".getBytes(StandardCharsets.UTF_8)));
    }
}
