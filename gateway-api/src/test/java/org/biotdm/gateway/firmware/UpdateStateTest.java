package org.biotdm.gateway.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpdateStateTest {
    @Test
    void a_device_report_moves_an_update_forward_or_repeats_its_state() {
        assertThat(UpdateState.DOWNLOADING.mayFollow(UpdateState.NOTIFIED)).isTrue();
        assertThat(UpdateState.UPDATING.mayFollow(UpdateState.DOWNLOADING)).isTrue();
        assertThat(UpdateState.VERIFIED.mayFollow(UpdateState.VERIFIED)).isTrue();
        assertThat(UpdateState.FAILED.mayFollow(UpdateState.UPDATING)).isTrue();
    }

    @Test
    void a_report_never_moves_an_update_back_nor_reopens_a_finished_or_unnotified_one() {
        assertThat(UpdateState.DOWNLOADING.mayFollow(UpdateState.VERIFIED)).isFalse();
        assertThat(UpdateState.FAILED.mayFollow(UpdateState.UPDATED)).isFalse();
        assertThat(UpdateState.UPDATING.mayFollow(UpdateState.FAILED)).isFalse();
        assertThat(UpdateState.DOWNLOADING.mayFollow(UpdateState.QUEUED)).isFalse();
    }

    @Test
    void only_updated_and_failed_end_an_update() {
        assertThat(UpdateState.values())
                .filteredOn(UpdateState::terminal)
                .containsExactly(UpdateState.UPDATED, UpdateState.FAILED);
    }
}
