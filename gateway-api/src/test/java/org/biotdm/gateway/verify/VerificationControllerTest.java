package org.biotdm.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;

class VerificationControllerTest {

    @Test
    void parses_epoch_milliseconds_and_iso_8601_with_zone_or_offset() {
        assertThat(VerificationController.parseTime("from", "1700000000000")).isEqualTo(1_700_000_000_000L);
        assertThat(VerificationController.parseTime("from", "2023-11-14T22:13:20Z"))
                .isEqualTo(1_700_000_000_000L);
        assertThat(VerificationController.parseTime("from", "2023-11-14T23:13:20.5+01:00"))
                .isEqualTo(1_700_000_000_500L);
    }

    @Test
    void refuses_anything_else_with_verify_invalid_range() {
        for (String bad : new String[] {"", "yesterday", "2023-11-14", "2023-11-14T22:13:20", "1e12"}) {
            assertThatThrownBy(() -> VerificationController.parseTime("to", bad))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.status().getCode()).isEqualTo(400);
                    });
        }
    }
}
