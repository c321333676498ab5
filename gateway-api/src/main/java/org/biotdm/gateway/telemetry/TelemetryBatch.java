package org.biotdm.gateway.telemetry;

import java.util.List;

/**
 * A parsed telemetry batch, {@code {seq, ts, readings, sig}}.
 *
 * @param seq the device's sequence number, 0 to 2^63−1
 * @param ts the batch time, epoch milliseconds (device clock)
 * @param readings the readings in body order, 1 to 1000
 * @param signature the decoded signature bytes: ASN.1 DER, or raw {@code r||s} when 64 bytes
 */
public record TelemetryBatch(long seq, long ts, List<TelemetryReading> readings, byte[] signature) {}
