package org.biotdm.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.export.ExportFormat;

/**
 * Fuzzes the query and export parameters parsed in code ({@code from}, {@code to}, {@code cursor}, {@code format} and
 * {@code Accept}): each is read into its range or refused with {@code INVALID_ARGUMENT}, never another exception. Page
 * sizes are checked by Bean Validation at the API's edge ({@code AtMostSetting}), which {@code RouteFuzzIT} exercises.
 */
class QueryParametersFuzzTest {
    @FuzzTest
    void any_parameter_is_read_into_range_or_refused_as_invalid_argument(FuzzedDataProvider data) {
        String time = data.consumeString(64);
        data.consumeString(24); // formerly the page size: kept so the committed corpus reads the same fields
        String cursor = data.consumeString(24);
        String format = data.consumeString(16);
        String accept = data.consumeRemainingAsString();
        refusedAsInvalid(
                () -> assertThat(QueryParameters.time("from", time, 7L)).isBetween(0L, 253_402_300_799_999L));
        refusedAsInvalid(() -> {
            Long read = QueryParameters.cursor(cursor);
            assertThat(read == null || read >= 0).isTrue();
        });
        refusedAsInvalid(() -> assertThat(ExportFormat.choose(format.isEmpty() ? null : format, accept))
                .isNotNull());
    }

    private static void refusedAsInvalid(Runnable read) {
        try {
            read.run();
        } catch (ApiException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }
}
