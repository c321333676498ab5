package org.biotdm.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link CanonicalJson} with any text a client could send: either the value is refused with {@link
 * IllegalArgumentException}, or its canonical text reads back as itself (canonicalisation is idempotent). Verify runs
 * the committed corpus in {@code CanonicalJsonFuzzTestInputs/}; {@code scripts/fuzz} fuzzes it for as long as asked.
 */
class CanonicalJsonFuzzTest {
    @FuzzTest
    void canonical_text_is_refused_or_reads_back_as_itself(byte[] input) throws IOException {
        Object value;
        try {
            value = JsonVectorsTest.parse(new String(input, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            return; // not JSON: the parser's refusal, not ours
        }
        String canonical;
        try {
            canonical = CanonicalJson.write(value);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(CanonicalJson.write(JsonVectorsTest.parse(canonical))).isEqualTo(canonical);
    }
}
