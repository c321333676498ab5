package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void progress_bar_fills_with_the_fraction_done() {
        assertThat(ProgressBar.render(0.5, 10)).isEqualTo("[#####     ]  50%");
        assertThat(ProgressBar.render(1.7, 4)).isEqualTo("[####] 100%");
        assertThat(ProgressBar.render(-1, 4)).isEqualTo("[    ]   0%");
    }
}
