package org.biotdm.gateway.firmware;

/** The states of a rollout campaign. {@link #RUNNING} and {@link #PAUSED} are open; the others are final. */
enum CampaignState {
    /** Devices are being notified as the rate and stages allow. */
    RUNNING,
    /** No new device is notified; devices already notified go on. */
    PAUSED,
    /** Every target device is {@code UPDATED} or {@code FAILED}, under the abort threshold. */
    COMPLETED,
    /** Failures passed the abort threshold, or the firmware was revoked; queued devices stay on their firmware. */
    ABORTED,
    /** An operator cancelled it; queued devices stay on their firmware. */
    CANCELLED;

    /**
     * Tells whether the campaign may still change.
     *
     * @return true for {@link #RUNNING} and {@link #PAUSED}
     */
    public boolean open() {
        return this == RUNNING || this == PAUSED;
    }
}
