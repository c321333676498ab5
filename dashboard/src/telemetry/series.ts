/**
 * From the telemetry query API's buckets to one chart per sensor. The dashboard never asks for raw readings to draw:
 * it asks the gateway for about one bucket per pixel of chart width, each with its min, max and mean, so a chart gets
 * about two points per pixel whatever the range (a year of minute data, ≈ 525,000 readings, arrives as ≈ 1,000
 * buckets).
 */
import type { Schemas } from '../api/client';

export type TelemetryBucket = Schemas['TelemetryBucket'];

/** The gateway's limits on `bucket` (`<n>s|m|h|d`, 1 s to 7 d). */
const MIN_BUCKET_S = 1;
const MAX_BUCKET_S = 7 * 24 * 3600;

/**
 * Chooses the bucket length for a range drawn over a width.
 *
 * @param rangeMs the range length, ms (> 0)
 * @param widthPx the chart's plot width, pixels (> 0)
 * @returns the `bucket` query value in whole seconds, such as `86s`: the shortest with at most one bucket per pixel
 */
export function bucketFor(rangeMs: number, widthPx: number): string {
  const seconds = Math.ceil(rangeMs / Math.max(1, Math.floor(widthPx)) / 1000);
  return `${Math.min(MAX_BUCKET_S, Math.max(MIN_BUCKET_S, seconds))}s`;
}

/** One sensor's series as uPlot takes it: x in epoch seconds, then min, mean and max per bucket. */
export interface SensorSeries {
  sensor: string;
  data: [number[], number[], number[], number[]];
  /** Readings the buckets hold, all together. */
  readings: number;
  min: number;
  max: number;
}

/**
 * Splits the buckets of all sensors (the gateway orders them by sensor, then start) into one series per sensor.
 *
 * @param buckets the buckets, in any order
 * @returns the series sorted by sensor name, each in time order
 */
export function seriesBySensor(buckets: readonly TelemetryBucket[]): SensorSeries[] {
  const bySensor = new Map<string, TelemetryBucket[]>();
  for (const bucket of buckets) {
    const list = bySensor.get(bucket.sensor) ?? [];
    list.push(bucket);
    bySensor.set(bucket.sensor, list);
  }
  return [...bySensor.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sensor, list]) => toSeries(sensor, list.sort((a, b) => a.start - b.start)));
}

function toSeries(sensor: string, buckets: TelemetryBucket[]): SensorSeries {
  return {
    sensor,
    data: [
      buckets.map((b) => b.start / 1000),
      buckets.map((b) => b.min),
      buckets.map((b) => b.avg),
      buckets.map((b) => b.max),
    ],
    readings: buckets.reduce((sum, b) => sum + b.count, 0),
    min: Math.min(...buckets.map((b) => b.min)),
    max: Math.max(...buckets.map((b) => b.max)),
  };
}
