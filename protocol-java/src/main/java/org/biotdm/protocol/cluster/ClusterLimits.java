package org.biotdm.protocol.cluster;

/** The fixed limits of {@code biotdm-cluster-keys-v1} ({@code protocol/cluster-keys-v1.md}, "Limits"). */
public final class ClusterLimits {
    /** Largest distance between a hello's time and the head's clock, and longest life of an unfinished exchange. */
    public static final long FRESHNESS_MS = 30_000;

    /** Shortest key lifetime ({@code expiresAt − issuedAt}), milliseconds. */
    public static final long MIN_KEY_LIFETIME_MS = 1_000;

    /** Longest key lifetime, milliseconds (24 h). */
    public static final long MAX_KEY_LIFETIME_MS = 86_400_000;

    /** Largest message counter per direction of one key; a pair needs a new key after it. */
    public static final long MAX_COUNTER = 0xFFFF_FFFFL;

    /** Width of a receiver's replay window, in counters (RFC 4303 §3.4.3). */
    public static final int REPLAY_WINDOW = 64;

    /** Largest plaintext of one member-to-member message, bytes. */
    public static final int MAX_PLAINTEXT = 1024;

    /** Length of a hello's nonce and of a key ID, bytes. */
    public static final int ID_BYTES = 16;

    /** Length of an uncompressed P-256 point {@code 04 ‖ x ‖ y}, bytes. */
    public static final int POINT_BYTES = 65;

    /** Length of an AES-GCM tag, bytes. */
    public static final int TAG_BYTES = 16;

    /** Length of an AES-256 key and of every HKDF output, bytes. */
    public static final int KEY_BYTES = 32;

    private ClusterLimits() {}
}
