package org.biotdm.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;

/**
 * Measures the anomaly detector with its default parameters on every labelled Suthaharan mote (both deployments, 8
 * motes, 37 674 rows, 307 labelled anomalous). A row counts as detected when the detector flags its humidity or its
 * temperature reading; each mote's two series have their own detector, as at ingest. The floors are the figures
 * measured when the parameters were chosen (README, "Alerts and anomaly detection"), so a regression fails.
 */
class AnomalyDetectionQualityTest {
    /** The detector parameters in the shipped {@code application.yml}. */
    private static final AnomalyParameters SHIPPED =
            TestSettings.defaults(AlertConfiguration.class).anomalyParameters();

    /** Measured: 299 of 307 anomalous rows flagged, 19 normal rows flagged. */
    private static final double MIN_PRECISION = 0.940;

    private static final double MIN_RECALL = 0.973;

    @Test
    void default_parameters_keep_the_measured_precision_and_recall_on_the_labelled_motes() {
        Confusion total = new Confusion();
        for (String deployment : LabelledMotes.DEPLOYMENTS) {
            for (Map.Entry<String, List<LabelledMotes.Row>> mote :
                    LabelledMotes.read(deployment).entrySet()) {
                total.add(score(mote.getValue(), SHIPPED));
            }
        }

        assertThat(total.truePositives + total.falseNegatives).isEqualTo(307);
        assertThat(total.precision()).isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(total.recall()).isGreaterThanOrEqualTo(MIN_RECALL);
    }

    @Test
    void motes_without_labelled_events_raise_almost_nothing() {
        Confusion quiet = new Confusion();
        for (String deployment : LabelledMotes.DEPLOYMENTS) {
            for (List<LabelledMotes.Row> rows : LabelledMotes.read(deployment).values()) {
                if (rows.stream().noneMatch(LabelledMotes.Row::anomalous)) {
                    quiet.add(score(rows, SHIPPED));
                }
            }
        }

        assertThat(quiet.truePositives + quiet.falseNegatives).isZero();
        assertThat(quiet.falsePositives).isLessThanOrEqualTo(2);
    }

    @Test
    void a_detector_that_learns_anomalies_as_normal_would_miss_most_of_them() {
        // Without holding the baseline (maxHold 1: re-learn after every anomalous reading) recall collapses; this
        // shows the recall test can fail.
        AnomalyParameters forgetful = new AnomalyParameters(0.01, 6.0, 60, 0.5, 1);
        Confusion total = new Confusion();
        for (String deployment : LabelledMotes.DEPLOYMENTS) {
            for (List<LabelledMotes.Row> rows : LabelledMotes.read(deployment).values()) {
                total.add(score(rows, forgetful));
            }
        }

        assertThat(total.recall()).isLessThan(MIN_RECALL);
    }

    static Confusion score(List<LabelledMotes.Row> rows, AnomalyParameters parameters) {
        EwmaDetector humidity = new EwmaDetector(parameters);
        EwmaDetector temperature = new EwmaDetector(parameters);
        Confusion confusion = new Confusion();
        for (LabelledMotes.Row row : rows) {
            boolean h = humidity.update(Double.parseDouble(row.humidity()));
            boolean t = temperature.update(Double.parseDouble(row.temperature()));
            confusion.count(h || t, row.anomalous());
        }
        return confusion;
    }

    /** Counts of a binary classification. */
    static final class Confusion {
        long truePositives;
        long falsePositives;
        long falseNegatives;

        void count(boolean predicted, boolean actual) {
            if (predicted && actual) {
                truePositives++;
            } else if (predicted) {
                falsePositives++;
            } else if (actual) {
                falseNegatives++;
            }
        }

        void add(Confusion other) {
            truePositives += other.truePositives;
            falsePositives += other.falsePositives;
            falseNegatives += other.falseNegatives;
        }

        double precision() {
            return truePositives / (double) (truePositives + falsePositives);
        }

        double recall() {
            return truePositives / (double) (truePositives + falseNegatives);
        }
    }
}
