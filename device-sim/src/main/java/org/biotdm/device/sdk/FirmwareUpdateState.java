package org.biotdm.device.sdk;

/**
 * The per-device states of a firmware update, as the gateway records them and pushes them on {@code /ws/events} (the
 * states ThingsBoard's OTA uses). A device reports the states from {@link #NOTIFIED} on; {@link #FAILED} carries the
 * catalogue code of the refused verification step as its reason.
 */
public enum FirmwareUpdateState {
    /** The gateway queued the update for the device. */
    QUEUED,
    /** The device received the {@code firmware-update} command. */
    NOTIFIED,
    /** The device is fetching the image. */
    DOWNLOADING,
    /** The whole image arrived. */
    DOWNLOADED,
    /** Signature, model, sequence, size and hash passed. */
    VERIFIED,
    /** The device is installing the image. */
    UPDATING,
    /** The device runs the new firmware. */
    UPDATED,
    /** The update was refused or gave up; the device runs its old firmware. */
    FAILED
}
