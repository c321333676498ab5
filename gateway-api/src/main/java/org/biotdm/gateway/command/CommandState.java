package org.biotdm.gateway.command;

/**
 * The life of a command: {@code ISSUED → DELIVERED → SUCCEEDED | FAILED | REJECTED}, or {@code EXPIRED} when its
 * expiry passes before completion. {@code ISSUED}, {@code DELIVERED} and the three outcomes are the chaincode's states;
 * {@code ISSUING} and {@code EXPIRED} exist only off-chain.
 */
public enum CommandState {
    /** IssueCommand is submitted and its outcome not known yet; never shown to devices. */
    ISSUING,
    /** Committed on the ledger, waiting for the device. */
    ISSUED,
    /** Handed to the device, its delivery recorded on the ledger (MarkCommandDelivered). */
    DELIVERED,
    /** The device executed it (CompleteCommand with a signed receipt). */
    SUCCEEDED,
    /** The device tried and failed. */
    FAILED,
    /** The device refused to execute it. */
    REJECTED,
    /** Its expiry passed before it completed; it is never delivered again and the chaincode refuses completion. */
    EXPIRED;

    /**
     * Tells whether the state is final.
     *
     * @return true for the three outcomes and {@code EXPIRED}
     */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == REJECTED || this == EXPIRED;
    }

    /**
     * Tells whether the state is a device's answer.
     *
     * @return true for {@code SUCCEEDED}, {@code FAILED} and {@code REJECTED}
     */
    public boolean isCompletion() {
        return this == SUCCEEDED || this == FAILED || this == REJECTED;
    }
}
