/**
 * The latest reading of each sensor from the `last` key of `/ws/events` telemetry summaries
 * (protocol/websocket.md): `{<sensor>: {value, unit?, ts}}`, `value` a number, string or boolean as the device sent it.
 */
export interface LatestReading {
  value: number | string | boolean;
  unit?: string;
  /** The reading's time, epoch ms (device clock). */
  ts: number;
}

/**
 * Merges a summary's `last` into what is shown, keeping per sensor the reading with the later time (summaries may
 * arrive out of reading order when a device replays old data) and ignoring malformed entries.
 *
 * @param before the readings shown so far
 * @param data a telemetry summary's `data`
 * @returns a new object when something changed, else `before`
 */
export function mergeLatest(
  before: Record<string, LatestReading>,
  data: Record<string, unknown>,
): Record<string, LatestReading> {
  const last = data['last'];
  if (typeof last !== 'object' || last === null) {
    return before;
  }
  let after = before;
  for (const [sensor, entry] of Object.entries(last as Record<string, unknown>)) {
    const reading = asReading(entry);
    if (reading && (before[sensor]?.ts ?? -Infinity) <= reading.ts) {
      after = after === before ? { ...before } : after;
      after[sensor] = reading;
    }
  }
  return after;
}

function asReading(entry: unknown): LatestReading | null {
  if (typeof entry !== 'object' || entry === null) {
    return null;
  }
  const { value, unit, ts } = entry as Record<string, unknown>;
  const valueOk = typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
  if (!valueOk || typeof ts !== 'number') {
    return null;
  }
  return typeof unit === 'string' ? { value, unit, ts } : { value, ts };
}
