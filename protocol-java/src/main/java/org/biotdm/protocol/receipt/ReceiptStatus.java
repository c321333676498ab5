package org.biotdm.protocol.receipt;

/** How a device reports a command ended, the {@code status=} line of a receipt. */
public enum ReceiptStatus {
    /** The command was carried out. */
    SUCCEEDED,
    /** The command was attempted and failed. */
    FAILED,
    /** The device refused the command. */
    REJECTED
}
