package org.biotdm.gateway.telemetry;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The acknowledgement of a committed batch, the body of {@code 200} from {@code POST /device/v1/telemetry}. It is
 * sent only after the batch's rows are committed; a duplicate batch gets the original acknowledgement again.
 *
 * @param seq the batch's sequence number
 * @param accepted how many readings were stored
 * @param windowId the anchoring window the readings belong to ({@code anchor_windows.window_id}, the window number
 *     {@code floor(receivedAt / biotdm.anchoring.window-ms)}, or a later one when that window was already sealed)
 * @param receivedAt when the gateway committed the batch, epoch milliseconds (gateway clock); {@code received_at}
 *     of the rows
 */
@Serdeable
public record TelemetryAck(long seq, int accepted, long windowId, long receivedAt) {}
