package org.biotdm.cli.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.biotdm.cli.bench.BenchStats;

/**
 * The figures of a chaos run and its one-line summary.
 *
 * @param faults faults injected
 * @param acked readings acknowledged by the gateway
 * @param lost acknowledged readings not stored
 * @param duplicated readings stored more than once
 * @param phantom batches stored that no device had acknowledged
 * @param windows anchoring windows of the run
 * @param unanchored windows not anchored or not verifying
 * @param commands commands issued
 * @param executedTwice deliveries of a command whose receipt had been accepted
 * @param expiredExecuted deliveries of an expired command
 * @param recoverP50 median recovery time, s: from a fault's end until its part was back in service by the logs
 *     ({@link Faults#loggedRecovery}), or until it was seen to recover where the logs do not say
 * @param recoverMax longest recovery time, s, as {@code recoverP50}
 * @param recoverLogged faults whose recovery time was read from the logs
 * @param stateHeights ledger heights whose world-state hashes were compared (between peers, across restarts)
 * @param stateRestarts of those, heights whose state was compared before and after a dev network restart
 * @param stateMismatched heights with differing world-state hashes
 * @param manualSteps faults not recovered within five minutes without a person, plus device buffers left undelivered
 */
record ChaosSummary(
        int faults,
        long acked,
        long lost,
        long duplicated,
        long phantom,
        int windows,
        int unanchored,
        int commands,
        int executedTwice,
        int expiredExecuted,
        double recoverP50,
        double recoverMax,
        int recoverLogged,
        int stateHeights,
        int stateRestarts,
        int stateMismatched,
        int manualSteps) {

    static ChaosSummary of(
            List<Faults.Outcome> outcomes,
            Faults faults,
            ChaosHistory history,
            ChaosChecker.Findings findings,
            ChaosCommands commands,
            boolean drained) {
        double[] seconds = new double[outcomes.size()];
        int logged = 0;
        for (int i = 0; i < seconds.length; i++) {
            Faults.Outcome outcome = outcomes.get(i);
            Optional<Double> fromLog = outcome.recovered() ? faults.loggedRecovery(outcome) : Optional.empty();
            seconds[i] = fromLog.orElse(outcome.recoverSeconds());
            logged += fromLog.isPresent() ? 1 : 0;
        }
        int manual = (int) outcomes.stream().filter(o -> !o.recovered()).count() + (drained ? 0 : 1);
        return new ChaosSummary(
                outcomes.size(),
                history.acknowledgedReadings(),
                findings.lost(),
                findings.duplicated(),
                findings.phantom(),
                findings.windows(),
                findings.unanchored(),
                commands.issued(),
                commands.executedTwice(),
                commands.expiredExecuted(),
                seconds.length == 0 ? 0 : BenchStats.percentile(seconds, 50),
                seconds.length == 0 ? 0 : java.util.Arrays.stream(seconds).max().orElse(0),
                logged,
                findings.state().heights(),
                findings.state().acrossRestarts(),
                findings.state().mismatched(),
                manual);
    }

    /**
     * Tells whether every promise held.
     *
     * @return true when nothing was lost, duplicated, invented, left unanchored or executed twice, the peers' world
     *     states agreed, and no fault needed a person
     */
    boolean ok() {
        return lost == 0
                && duplicated == 0
                && phantom == 0
                && unanchored == 0
                && executedTwice == 0
                && expiredExecuted == 0
                && stateMismatched == 0
                && manualSteps == 0
                && acked > 0;
    }

    /**
     * Returns the summary line.
     *
     * @return {@code CHAOS faults=… … result=OK|FAIL}
     */
    String line() {
        return String.format(
                Locale.ROOT,
                "CHAOS faults=%d acked=%d lost=%d duplicated=%d phantom=%d windows=%d unanchored=%d commands=%d"
                        + " executed_twice=%d expired_executed=%d recover_p50_s=%.1f recover_max_s=%.1f"
                        + " recover_logged=%d state_heights=%d state_restarts=%d state_mismatched=%d"
                        + " manual_steps=%d result=%s",
                faults,
                acked,
                lost,
                duplicated,
                phantom,
                windows,
                unanchored,
                commands,
                executedTwice,
                expiredExecuted,
                recoverP50,
                recoverMax,
                recoverLogged,
                stateHeights,
                stateRestarts,
                stateMismatched,
                manualSteps,
                ok() ? "OK" : "FAIL");
    }
}
