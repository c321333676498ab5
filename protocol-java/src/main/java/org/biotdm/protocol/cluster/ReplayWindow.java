package org.biotdm.protocol.cluster;

/**
 * The receiver's sliding window of RFC 4303 §3.4.3 over message counters: the highest counter accepted and a bitmap
 * of the {@value ClusterLimits#REPLAY_WINDOW} counters at and below it. A counter is new when it is above the highest,
 * or inside the window and not yet marked. Not thread-safe: its {@link PairChannel} guards it.
 */
final class ReplayWindow {
    private long highest;
    private long seen;

    /**
     * Refuses a counter already received or below the window.
     *
     * @param counter the counter, 1 or more
     * @throws ClusterRefusedException {@code CLUSTER_NONCE_REUSED}
     */
    void check(long counter) {
        if (counter > highest) {
            return;
        }
        long back = highest - counter;
        if (back >= ClusterLimits.REPLAY_WINDOW || (seen & (1L << back)) != 0) {
            throw new ClusterRefusedException(
                    ClusterError.CLUSTER_NONCE_REUSED,
                    "counter " + counter + " was already received or lies below the replay window (highest " + highest
                            + ")");
        }
    }

    /**
     * Marks a counter received; call after its tag verified.
     *
     * @param counter a counter {@link #check(long)} accepted
     */
    void accept(long counter) {
        if (counter > highest) {
            long shift = counter - highest;
            seen = shift >= ClusterLimits.REPLAY_WINDOW ? 0 : seen << shift;
            highest = counter;
        }
        seen |= 1L << (highest - counter);
    }
}
