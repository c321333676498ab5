package org.biotdm.chaincode.command;

/**
 * Names the command states: {@code ISSUED → DELIVERED → SUCCEEDED | FAILED | REJECTED}; completion may also come
 * straight from {@code ISSUED} when the delivery mark lost the race. Completed states are final.
 */
public enum CommandStatus {
    /** Issued and waiting for the device to fetch it. */
    ISSUED,
    /** The gateway handed it to the device. */
    DELIVERED,
    /** The device executed it. */
    SUCCEEDED,
    /** The device tried and failed. */
    FAILED,
    /** The device refused it. */
    REJECTED;

    /**
     * Tells whether this is a final, completed state.
     *
     * @return true for {@code SUCCEEDED}, {@code FAILED} and {@code REJECTED}
     */
    public boolean isCompleted() {
        return this == SUCCEEDED || this == FAILED || this == REJECTED;
    }
}
