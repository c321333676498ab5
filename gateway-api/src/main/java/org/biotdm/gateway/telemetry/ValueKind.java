package org.biotdm.gateway.telemetry;

/** What a reading's value is, stored in {@code telemetry.value_kind} and written in the canonical encoding. */
public enum ValueKind {
    /** A JSON number, kept as the exact token the device sent (and as a double for charts). */
    N,
    /** A state string such as {@code "ON"}. */
    S,
    /** A JSON boolean, {@code true} or {@code false}. */
    B
}
