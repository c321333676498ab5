package org.biotdm.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LabelledAnomaliesTest {

    @Test
    void groups_consecutive_labelled_rows_into_events_with_their_reading_times() {
        List<Boolean> labels = List.of(false, true, true, false, true, false, true);
        List<Long> times = List.of(100L, 105L, 110L, 115L, 120L, 125L, 130L);

        assertThat(LabelledAnomalies.spans(labels, times))
                .containsExactly(
                        new LabelledAnomalies.Span(105, 110, 2),
                        new LabelledAnomalies.Span(120, 120, 1),
                        new LabelledAnomalies.Span(130, 130, 1));
    }

    @Test
    void ignores_labels_of_rows_that_were_not_sent() {
        assertThat(LabelledAnomalies.spans(List.of(false, true, true), List.of(100L, 105L)))
                .containsExactly(new LabelledAnomalies.Span(105, 105, 1));
    }

    @Test
    void counts_an_event_caught_when_an_alert_reading_lies_inside_it() {
        List<LabelledAnomalies.Span> events =
                List.of(new LabelledAnomalies.Span(105, 110, 2), new LabelledAnomalies.Span(200, 210, 3));

        assertThat(LabelledAnomalies.caught(events, List.of(110L, 150L))).isEqualTo(1);
        assertThat(LabelledAnomalies.caught(events, List.of(104L, 211L))).isZero();
        assertThat(LabelledAnomalies.caught(events, List.of(105L, 200L, 201L))).isEqualTo(2);
    }

    @Test
    void reads_the_labels_of_a_real_suthaharan_mote() throws Exception {
        Path mote = Path.of(
                "..", "..", "shared", "data", "suthaharan_wsn", "single_hop", "singlehop_indoor_moteid1_data.txt");
        List<Long> times = LongStream.range(0, 5_000).map(i -> i * 5).boxed().toList();

        List<LabelledAnomalies.Span> events = LabelledAnomalies.events(mote, times);

        // 117 labelled rows, the first on data row 2344 (file line 2345).
        assertThat(events.stream().mapToInt(LabelledAnomalies.Span::rows).sum()).isEqualTo(117);
        assertThat(events.get(0).from()).isEqualTo(2343 * 5L);
    }
}
