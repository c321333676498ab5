package org.biotdm.gateway.query;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The numeric readings of one sensor in one time bucket {@code [start, start + bucketMs)} (reading time), computed
 * by MariaDB. Buckets without numeric readings are left out.
 *
 * @param sensor the sensor
 * @param start the bucket's start, epoch ms, a multiple of the bucket length
 * @param min the smallest value
 * @param max the largest value
 * @param avg the mean value
 * @param count how many numeric readings the bucket holds
 */
@Serdeable
public record TelemetryBucket(String sensor, long start, double min, double max, double avg, long count) {}
