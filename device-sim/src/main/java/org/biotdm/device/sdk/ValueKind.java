package org.biotdm.device.sdk;

/** What a reading's value is, as written in the canonical encoding ({@code biotdm-telemetry-v1}). */
public enum ValueKind {
    /** A JSON number, sent and signed as its exact token text. */
    N,
    /** A state string such as {@code ON}. */
    S,
    /** A boolean, {@code true} or {@code false}. */
    B
}
