package org.biotdm.device.sdk;

/** How a device finished a command, as signed in its receipt and recorded by {@code CompleteCommand}. */
public enum ReceiptStatus {
    /** The command ran and succeeded. */
    SUCCEEDED,
    /** The command ran and failed. */
    FAILED,
    /** The device refused to run it (unknown type, bad parameters, expired). */
    REJECTED
}
