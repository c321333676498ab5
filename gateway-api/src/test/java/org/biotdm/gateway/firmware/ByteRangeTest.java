package org.biotdm.gateway.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final long SIZE = 1_000;

    @Test
    void reads_a_closed_range() {
        assertThat(ByteRange.parse("bytes=0-499", SIZE)).contains(new ByteRange(0, 499));
        assertThat(ByteRange.parse("bytes=0-499", SIZE).orElseThrow().contentRange(SIZE))
                .isEqualTo("bytes 0-499/1000");
    }

    @Test
    void reads_an_open_range_to_the_end_as_a_resumed_download_sends_it() {
        assertThat(ByteRange.parse("bytes=600-", SIZE)).contains(new ByteRange(600, 999));
    }

    @Test
    void reads_a_suffix_range() {
        assertThat(ByteRange.parse("bytes=-100", SIZE)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-5000", SIZE)).contains(new ByteRange(0, 999));
    }

    @Test
    void clips_a_last_offset_past_the_end() {
        assertThat(ByteRange.parse("bytes=990-2000", SIZE).orElseThrow().length())
                .isEqualTo(10);
    }

    @Test
    void ignores_absent_multiple_and_malformed_ranges() {
        assertThat(ByteRange.parse(null, SIZE)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-9", SIZE)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", SIZE)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", SIZE)).isEmpty();
        assertThat(ByteRange.parse("bytes=9-5", SIZE)).isEmpty();
    }

    @Test
    void refuses_a_range_starting_past_the_end() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", SIZE))
                .isInstanceOfSatisfying(ByteRange.RangeNotSatisfiableException.class, e -> assertThat(e.size())
                        .isEqualTo(SIZE));
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", SIZE))
                .isInstanceOf(ByteRange.RangeNotSatisfiableException.class);
    }
}
