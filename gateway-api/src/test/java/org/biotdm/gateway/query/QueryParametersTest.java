package org.biotdm.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void parses_epoch_milliseconds_and_iso_8601_with_zone_or_offset() {
        assertThat(QueryParameters.time("from", "1700000000000", 0)).isEqualTo(1_700_000_000_000L);
        assertThat(QueryParameters.time("from", "2023-11-14T22:13:20Z", 0)).isEqualTo(1_700_000_000_000L);
        assertThat(QueryParameters.time("from", "2023-11-14T23:13:20.5+01:00", 0))
                .isEqualTo(1_700_000_000_500L);
    }

    @Test
    void reads_an_offset_whose_plus_arrived_as_a_space_because_the_url_did_not_encode_it() {
        assertThat(QueryParameters.time("from", "2023-11-14T23:13:20 01:00", 0)).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void gives_the_fallback_for_an_absent_time() {
        assertThat(QueryParameters.time("to", null, 42)).isEqualTo(42);
        assertThat(QueryParameters.time("to", " ", 42)).isEqualTo(42);
    }

    @Test
    void refuses_anything_else_naming_the_parameter_and_the_accepted_forms() {
        for (String bad :
                new String[] {"yesterday", "2023-11-14", "2023-11-14T22:13:20", "1e12", "-5", "99999999999999999"}) {
            assertThatThrownBy(() -> QueryParameters.time("to", bad, 0))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.status().getCode()).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("to must be").contains("%2B01:00");
                    });
        }
    }
}
