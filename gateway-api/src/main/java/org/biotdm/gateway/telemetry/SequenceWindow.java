package org.biotdm.gateway.telemetry;

/**
 * One device's anti-replay window over batch sequence numbers, in the style of IPsec's (RFC 4303 §3.4.3): the
 * highest accepted number and a 64-bit map of which of the 64 numbers ending at it were accepted.
 *
 * <p>A number at or below {@code highest − 64} is a replay. A number inside the window that was not accepted yet is
 * new (out-of-order delivery is fine), one that was accepted is a repeat, which the writer answers with the original
 * acknowledgement or a sequence conflict. A number above the highest is new and moves the window. Marking is
 * idempotent and commutative, so marks from commits and from loading the database can arrive in any order.
 * Thread-safe.
 */
final class SequenceWindow {
    /** How many sequence numbers the window spans. */
    public static final int SIZE = 64;

    /** What the window says about a sequence number. */
    public enum Verdict {
        /** Never accepted; may be accepted. */
        NEW,
        /** Accepted before; a duplicate (original acknowledgement) or a conflict (different content). */
        SEEN,
        /** Too old: at or below the highest accepted number minus {@value SequenceWindow#SIZE}. */
        REPLAYED
    }

    private long highest = -1;
    private long accepted;

    /**
     * Judges a sequence number without changing the window.
     *
     * @param seq the number, 0 or more
     * @return the verdict
     */
    public synchronized Verdict check(long seq) {
        if (highest < 0 || seq > highest) {
            return Verdict.NEW;
        }
        long age = highest - seq;
        if (age >= SIZE) {
            return Verdict.REPLAYED;
        }
        return (accepted & (1L << age)) != 0 ? Verdict.SEEN : Verdict.NEW;
    }

    /**
     * Records an accepted (committed) sequence number.
     *
     * @param seq the number, 0 or more
     */
    public synchronized void markAccepted(long seq) {
        if (highest < 0) {
            highest = seq;
            accepted = 1;
        } else if (seq > highest) {
            long shift = seq - highest;
            accepted = shift >= SIZE ? 1 : (accepted << shift) | 1;
            highest = seq;
        } else if (highest - seq < SIZE) {
            accepted |= 1L << (highest - seq);
        }
    }

    /**
     * Returns the highest accepted number.
     *
     * @return the number, or −1 when none was accepted
     */
    public synchronized long highest() {
        return highest;
    }
}
