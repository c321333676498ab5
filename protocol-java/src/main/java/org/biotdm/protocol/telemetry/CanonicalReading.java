package org.biotdm.protocol.telemetry;

/**
 * What the canonical encoding reads of a reading: {@link Reading} on the device side, the gateway's parsed reading on
 * the other. Implementations hold values that already passed {@link TelemetryText}'s rules.
 */
public interface CanonicalReading {
    /** The {@code ts} of a reading that carries no time of its own and takes the batch time. */
    long NO_TS = Long.MIN_VALUE;

    /**
     * Returns the sensor name.
     *
     * @return a valid sensor name ({@link org.biotdm.protocol.name.SensorNames})
     */
    String sensor();

    /**
     * Returns the value kind.
     *
     * @return the kind
     */
    ValueKind kind();

    /**
     * Returns the value's canonical text.
     *
     * @return a number's JSON token exactly as sent, a string's characters, or {@code true}/{@code false}
     */
    String valueText();

    /**
     * Returns the unit.
     *
     * @return 1 to 16 code points, or null when the reading has none
     */
    String unit();

    /**
     * Returns the reading time.
     *
     * @return epoch milliseconds of the device clock, or {@link #NO_TS}
     */
    long ts();

    /**
     * Tells whether the reading carries its own time.
     *
     * @return false when it takes the batch time
     */
    default boolean hasTs() {
        return ts() != NO_TS;
    }
}
