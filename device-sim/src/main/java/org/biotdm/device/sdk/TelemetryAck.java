package org.biotdm.device.sdk;

/**
 * The gateway's acknowledgement of a committed batch, {@code {"seq","accepted","windowId","receivedAt"}}.
 *
 * @param seq the batch's sequence number
 * @param accepted how many readings were stored
 * @param windowId the anchoring window the readings belong to
 * @param receivedAt when the gateway committed them, epoch ms (gateway clock)
 */
public record TelemetryAck(long seq, int accepted, long windowId, long receivedAt) {}
