package org.biotdm.protocol.telemetry;

/** What a reading's value is, written as the second field of its canonical line ({@code biotdm-telemetry-v1}). */
public enum ValueKind {
    /** A JSON number, signed and stored as its exact token text. */
    N,
    /** A string such as a state ({@code ON}, {@code OPEN}). */
    S,
    /** A boolean, {@code true} or {@code false}. */
    B
}
