package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceFilterTest {
    private static DeviceFilter parse(
            String status, String group, String model, String prefix, Integer size, String cursor) {
        return DeviceFilter.parse(status, group, model, prefix, size, cursor, 50, 200);
    }

    @Test
    void no_parameters_give_the_default_page_of_everything() {
        DeviceFilter filter = parse(null, null, null, null, null, null);

        assertThat(filter).isEqualTo(new DeviceFilter(null, null, null, null, 50, null));
    }

    @Test
    void valid_parameters_are_kept() {
        DeviceFilter filter = parse("SUSPENDED", "lab", "Org1MSP/env-sensor", "mote_", 200, null);

        assertThat(filter.status()).isEqualTo(DeviceStatus.SUSPENDED);
        assertThat(filter.group()).isEqualTo("lab");
        assertThat(filter.model()).isEqualTo("Org1MSP/env-sensor");
        assertThat(filter.likePattern()).isEqualTo("mote\\_%");
        assertThat(filter.pageSize()).isEqualTo(200);
    }

    @Test
    void cursor_round_trips_the_last_device_id() {
        String cursor = DeviceFilter.encodeCursor("mote-17");

        assertThat(parse(null, null, null, null, null, cursor).after()).isEqualTo("mote-17");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "active|||||",
                "ACTIVE' OR '1'='1|||||",
                "|lab' OR 1=1 --||||",
                "||env-sensor|||",
                "|||mote%||",
                "||||0|",
                "||||201|",
                "|||||not*base64",
                "|||||JyBPUiAxPTE"
            })
    void bad_filters_are_400_device_filter_invalid(
            String status, String group, String model, String prefix, Integer size, String cursor) {
        assertThatThrownBy(() -> parse(status, group, model, prefix, size, cursor))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                });
    }
}
