package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Fuzzes the telemetry batch parser with any request body a device could send: it returns a batch with 1 to 8
 * readings, or refuses the body with one of its four catalogue codes, never another exception.
 */
class TelemetryBatchParserFuzzTest {
    private static final int MAX_READINGS = 8;
    private static final Set<ErrorCode> CODES = Set.of(
            ErrorCode.TELEMETRY_MALFORMED,
            ErrorCode.TELEMETRY_INVALID,
            ErrorCode.TELEMETRY_TOO_LARGE,
            ErrorCode.TELEMETRY_BAD_SIGNATURE);
    private static final TelemetryBatchParser PARSER = new TelemetryBatchParser(MAX_READINGS);

    @FuzzTest
    void any_body_parses_to_a_batch_or_is_refused_with_a_telemetry_code(byte[] body) {
        try {
            TelemetryBatch batch = PARSER.parse(body);
            assertThat(batch.readings()).hasSizeBetween(1, MAX_READINGS);
            assertThat(batch.ts()).isPositive();
        } catch (ApiException e) {
            assertThat(CODES).contains(e.code());
        }
    }
}
