package org.biotdm.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VerifyReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String window(long n, String status, long leaves) {
        return "{'windowId':'Org1MSP-gw1-" + n + "','window':" + n + ",'startTime':" + n * 10_000 + ",'endTime':"
                + (n + 1) * 10_000 + ",'status':'" + status + "','recomputedRoot':'ab','leafCount':" + leaves
                + ",'changed':[],'missing':[],'extra':[],'inconsistent':[]}";
    }

    @Test
    void counts_windows_by_status_and_sums_readings_across_parts() throws Exception {
        VerifyReport report = new VerifyReport();
        report.add(json("{'summary':{'readings':12},'windows':[" + window(1, "MATCH", 12) + ","
                + window(2, "MISMATCH", 0) + "]}"));
        report.add(json(
                "{'summary':{'readings':5},'windows':[" + window(3, "MATCH", 5) + "," + window(4, "OPEN", 0) + "]}"));

        VerifyReport.Summary summary = report.summary();

        assertThat(summary).isEqualTo(new VerifyReport.Summary(4, 2, 1, 17, 1));
        assertThat(summary.line()).isEqualTo("VERIFY windows=4 ok=2 mismatched=1 readings=17 pending=1");
        assertThat(summary.allVerified()).isFalse();
    }

    @Test
    void counts_a_window_reported_by_two_parts_once() throws Exception {
        VerifyReport report = new VerifyReport();
        report.add(json("{'summary':{'readings':7},'windows':[" + window(1, "MATCH", 7) + "]}"));
        report.add(json(
                "{'summary':{'readings':10},'windows':[" + window(1, "MATCH", 7) + "," + window(2, "MATCH", 3) + "]}"));

        assertThat(report.summary()).isEqualTo(new VerifyReport.Summary(2, 2, 0, 10, 0));
        assertThat(report.summary().allVerified()).isTrue();
        assertThat(report.windows()).extracting(w -> w.path("window").asLong()).containsExactly(1L, 2L);
    }

    @Test
    void describes_a_mismatch_with_roots_and_the_rows_that_differ() throws Exception {
        JsonNode window = json("{'windowId':'Org1MSP-gw1-7','window':7,'startTime':70000,'endTime':80000,"
                + "'status':'MISMATCH','match':false,'onChainRoot':'84fd9fde160807b4696e','recomputedRoot':"
                + "'e3b0c44298fc1c149afb','leafCount':11,'onChainLeafCount':12,'blockNumber':42,'changed':[],"
                + "'missing':[{'readingId':77,'leafIndex':4}],'extra':[],'inconsistent':[]}");

        assertThat(VerifyReport.describe(window))
                .isEqualTo("MISMATCH     Org1MSP-gw1-7 1970-01-01T00:01:10Z..1970-01-01T00:01:20Z leaves=11"
                        + " on-chain=12 block=42 root=e3b0c44298fc… on-chain-root=84fd9fde1608… missing=1[77]");
    }

    @Test
    void reads_its_own_summary_line_and_one_without_pending() {
        assertThat(VerifyReport.Summary.parse("VERIFY windows=4 ok=2 mismatched=1 readings=17 pending=1"))
                .isEqualTo(new VerifyReport.Summary(4, 2, 1, 17, 1));
        assertThat(VerifyReport.Summary.parse("VERIFY windows=3 ok=3 mismatched=0 readings=9"))
                .isEqualTo(new VerifyReport.Summary(3, 3, 0, 9, 0));
    }

    @Test
    void refuses_a_summary_line_with_a_missing_or_bad_count() {
        assertThatThrownBy(() -> VerifyReport.Summary.parse("VERIFY windows=3 ok=3 readings=9"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerifyReport.Summary.parse("VERIFY windows=x ok=3 mismatched=0 readings=9"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
