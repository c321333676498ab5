import { describe, expect, it } from 'vitest';
import { bucketFor, seriesBySensor, type TelemetryBucket } from './series';

const bucket = (sensor: string, start: number, min: number, max: number, count = 10): TelemetryBucket => ({
  sensor,
  start,
  min,
  max,
  avg: (min + max) / 2,
  count,
});

describe('bucketFor', () => {
  it('asks_for_about_one_bucket_per_pixel', () => {
    // A year over 1 000 px: 31 536 000 s / 1 000 = 31 536 s per bucket.
    expect(bucketFor(365 * 24 * 3_600_000, 1000)).toBe('31536s');
  });

  it('rounds_up_so_the_bucket_count_never_exceeds_the_width', () => {
    const rangeMs = 24 * 3_600_000;
    const seconds = Number.parseInt(bucketFor(rangeMs, 700), 10);
    expect(rangeMs / (seconds * 1000)).toBeLessThanOrEqual(700);
  });

  it('stays_within_the_gateways_limits_of_one_second_to_seven_days', () => {
    expect(bucketFor(60_000, 4000)).toBe('1s');
    expect(bucketFor(100 * 365 * 24 * 3_600_000, 100)).toBe(`${7 * 24 * 3600}s`);
  });
});

describe('seriesBySensor', () => {
  it('splits_buckets_into_one_time_ordered_series_per_sensor', () => {
    const series = seriesBySensor([
      bucket('temperature', 120_000, 20, 22),
      bucket('humidity', 60_000, 40, 45),
      bucket('temperature', 60_000, 19, 25),
    ]);

    expect(series.map((s) => s.sensor)).toEqual(['humidity', 'temperature']);
    expect(series[1]!.data).toEqual([
      [60, 120],
      [19, 20],
      [22, 21],
      [25, 22],
    ]);
    expect(series[1]!.min).toBe(19);
    expect(series[1]!.max).toBe(25);
    expect(series[1]!.readings).toBe(20);
  });

  it('gives_no_series_without_buckets', () => {
    expect(seriesBySensor([])).toEqual([]);
  });
});
