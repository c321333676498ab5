package org.biotdm.gateway.firmware;

/**
 * The states of one device's update in a campaign, the states ThingsBoard's OTA uses, in the order a successful update
 * passes them. The gateway sets {@link #QUEUED} and {@link #NOTIFIED} (the {@code firmware-update} command was
 * issued); the device reports the states up to {@link #UPDATING}; {@link #UPDATED} follows its signed installation
 * receipt, recorded on the ledger; {@link #FAILED} carries a catalogue code as its reason. A state never goes back.
 */
public enum UpdateState {
    /** Waiting for its stage and the campaign's rate. */
    QUEUED,
    /** The {@code firmware-update} command was issued to the device. */
    NOTIFIED,
    /** The device is fetching the image. */
    DOWNLOADING,
    /** The whole image arrived on the device. */
    DOWNLOADED,
    /** Signature, model, sequence, size and hash passed on the device. */
    VERIFIED,
    /** The device is installing the image. */
    UPDATING,
    /** The device runs the new firmware; its receipt is on the ledger. */
    UPDATED,
    /** The update was refused or gave up; the device runs its old firmware. */
    FAILED;

    /**
     * Tells whether the update is over.
     *
     * @return true for {@link #UPDATED} and {@link #FAILED}
     */
    public boolean terminal() {
        return this == UPDATED || this == FAILED;
    }

    /**
     * Tells whether a device may report this state after {@code current}: a later state, or the same one again.
     *
     * @param current the recorded state
     * @return true when the report moves the update on (or repeats the current state)
     */
    public boolean mayFollow(UpdateState current) {
        return !current.terminal() && current != QUEUED && ordinal() >= current.ordinal();
    }
}
