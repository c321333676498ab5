package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceFilterTest {
    private static DeviceFilter parse(
            String status, String group, String model, String prefix, Integer size, String cursor) {
        return DeviceFilter.parse(status, group, model, prefix, null, size, cursor, 50, 200);
    }

    private static DeviceFilter sorted(String sort, String cursor) {
        return DeviceFilter.parse(null, null, null, null, sort, null, cursor, 50, 200);
    }

    @Test
    void no_parameters_give_the_default_page_of_everything() {
        DeviceFilter filter = parse(null, null, null, null, null, null);

        assertThat(filter).isEqualTo(new DeviceFilter(null, null, null, null, DeviceSort.DEFAULT, 50, null, 0));
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

    @Test
    void sort_names_the_property_and_a_leading_minus_makes_it_descending() {
        assertThat(sorted("-lastSeenAt", null).sort()).isEqualTo(new DeviceSort("lastSeenAt", true));
        assertThat(sorted("group", null).sort()).isEqualTo(new DeviceSort("deviceGroup", false));
    }

    @Test
    void an_order_other_than_device_id_pages_by_offset() {
        DeviceFilter first = sorted("status", null);
        String cursor = first.nextCursor("mote-17", 50);

        DeviceFilter second = sorted("status", cursor);

        assertThat(second.offset()).isEqualTo(50);
        assertThat(second.after()).isNull();
        assertThat(second.nextCursor("mote-99", 50)).isEqualTo(DeviceFilter.encodeCursor("@100"));
    }

    @Test
    void a_cursor_of_another_order_is_refused() {
        String idCursor = DeviceFilter.encodeCursor("mote-17");
        String offsetCursor = DeviceFilter.encodeCursor("@50");

        assertThatThrownBy(() -> sorted("-lastSeenAt", idCursor))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> sorted("-deviceId", offsetCursor))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lastSeen", "--status", "deviceId,status", "owner_msp"})
    void unknown_sorts_are_400_invalid_argument(String sort) {
        assertThatThrownBy(() -> sorted(sort, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
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
