package org.biotdm.cli.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceCsvTest {
    private static DeviceCsv.Content read(String text) throws IOException {
        return DeviceCsv.read(new StringReader(text), "Org1MSP", "fleet.csv");
    }

    @Test
    void reads_rows_with_defaults_metadata_columns_and_their_line_numbers() throws IOException {
        DeviceCsv.Content content = read("deviceId,deviceType,group,meta.site,meta.floor\n"
                + "mote-1,wsn-mote,lab,\"Berkeley, CA\",2\n"
                + "\n"
                + "mote-2,wsn-mote,lab,,\n");

        assertThat(content.refusals()).isEmpty();
        assertThat(content.rows())
                .containsExactly(
                        new DeviceCsv.Row(
                                2,
                                "mote-1",
                                "wsn-mote",
                                "Org1MSP/wsn-mote",
                                "1.0.0",
                                "lab",
                                Map.of("site", "Berkeley, CA", "floor", "2")),
                        new DeviceCsv.Row(4, "mote-2", "wsn-mote", "Org1MSP/wsn-mote", "1.0.0", "lab", Map.of()));
    }

    @Test
    void keeps_a_given_model_and_firmware_version() throws IOException {
        DeviceCsv.Content content =
                read("model,deviceId,firmwareVersion,deviceType,group\nOrg1MSP/m2,d-1,2.4.1,sensor,g\n");

        assertThat(content.rows().get(0).model()).isEqualTo("Org1MSP/m2");
        assertThat(content.rows().get(0).firmwareVersion()).isEqualTo("2.4.1");
    }

    @Test
    void refuses_a_bad_row_by_itself_with_its_line_and_column() throws IOException {
        DeviceCsv.Content content = read("deviceId,deviceType,group\n"
                + "ok-1,sensor,g\n"
                + "bad id,sensor,g\n"
                + "ok-2,,g\n"
                + "ok-1,sensor,g\n"
                + "ok-3,sensor,g,extra\n"
                + "ok-4,sensor,g\n");

        assertThat(content.rows()).extracting(DeviceCsv.Row::deviceId).containsExactly("ok-1", "ok-4");
        assertThat(content.refusals())
                .containsExactly(
                        new DeviceCsv.Refusal(
                                3, "bad id", "INVALID_ARGUMENT", "deviceId must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
                        new DeviceCsv.Refusal(
                                4, "ok-2", "INVALID_ARGUMENT", "deviceType must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
                        new DeviceCsv.Refusal(5, "ok-1", "INVALID_ARGUMENT", "deviceId repeats line 2"),
                        new DeviceCsv.Refusal(6, "ok-3", "INVALID_ARGUMENT", "has 4 cells, the header 3"));
    }

    @Test
    void reads_a_header_behind_a_spreadsheet_s_byte_order_mark() throws IOException {
        DeviceCsv.Content content = read("\uFEFFdeviceId,deviceType,group\nd-1,t,g\n");

        assertThat(content.rows()).extracting(DeviceCsv.Row::deviceId).containsExactly("d-1");
    }

    @Test
    void refuses_too_many_metadata_entries() throws IOException {
        StringBuilder header = new StringBuilder("deviceId,deviceType,group");
        StringBuilder row = new StringBuilder("d-1,t,g");
        for (int i = 0; i <= DeviceCsv.MAX_METADATA; i++) {
            header.append(",meta.k").append(i);
            row.append(",v");
        }
        DeviceCsv.Content content = read(header + "\n" + row + "\n");

        assertThat(content.refusals()).singleElement().satisfies(r -> assertThat(r.message())
                .isEqualTo("has 33 metadata entries, at most 32"));
    }

    @Test
    void refuses_a_file_without_a_required_column_or_with_an_unknown_one() {
        assertThatThrownBy(() -> read("deviceId,group\nd,g\n"))
                .isInstanceOf(DeviceCsv.FileException.class)
                .hasMessageContaining("no column deviceType");
        assertThatThrownBy(() -> read("deviceId,deviceType,group,grup\nd,t,g,x\n"))
                .isInstanceOf(DeviceCsv.FileException.class)
                .hasMessageContaining("unknown column grup");
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(DeviceCsv.FileException.class)
                .hasMessageContaining("empty");
    }
}
