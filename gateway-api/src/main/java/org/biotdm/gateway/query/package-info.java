/**
 * Telemetry reads for charts: a device's readings in a time range, raw (bounded pages with a cursor) or downsampled
 * into buckets (min, max, average and count computed by MariaDB over the partitioned {@code telemetry} table), only
 * for devices the caller may see; and the query-parameter parsing the read and export APIs share.
 */
package org.biotdm.gateway.query;
