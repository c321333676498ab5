import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDuration } from '../common/format';
import { SensorChart } from './SensorChart';
import { bucketFor, seriesBySensor } from './series';
import { useTelemetry } from './useTelemetry';

const HOUR = 3_600_000;
const RANGES = [HOUR, 6 * HOUR, 24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR, 365 * 24 * HOUR];

/** The charts of every sensor of a device, over a range the person picks (the last hour to the last year). */
export function TelemetryPanel({ deviceId }: { deviceId: string }) {
  const [rangeMs, setRangeMs] = useState(24 * HOUR);
  const width = useWidth();
  const telemetry = useTelemetry(deviceId, rangeMs, width.value);
  const series = seriesBySensor(telemetry.data?.buckets ?? []);
  const bucketLabel = formatDuration(Number.parseInt(bucketFor(rangeMs, width.value), 10) * 1000);

  return (
    <section aria-labelledby="telemetry-title" ref={width.ref}>
      <h2 id="telemetry-title">Telemetry</h2>
      <fieldset className="ranges">
        <legend>Range</legend>
        {RANGES.map((range) => (
          <label key={range}>
            <input
              type="radio"
              name="range"
              value={range}
              checked={range === rangeMs}
              onChange={() => setRangeMs(range)}
            />
            last {formatDuration(range)}
          </label>
        ))}
      </fieldset>
      {telemetry.error && <ErrorNotice error={telemetry.error} title="Telemetry could not be loaded" />}
      {telemetry.isPending && <p>Loading telemetry…</p>}
      {telemetry.data && series.length === 0 && <p>No readings in the last {formatDuration(rangeMs)}.</p>}
      <div className="charts">
        {series.map((s) => (
          <SensorChart
            key={s.sensor}
            series={s}
            width={width.value}
            bucketLabel={bucketLabel}
            from={telemetry.data!.from}
            to={telemetry.data!.to}
          />
        ))}
      </div>
    </section>
  );
}

/** The width of an element, followed as the window resizes; 800 until measured. */
function useWidth() {
  const ref = useRef<HTMLElement>(null);
  const [value, setValue] = useState(800);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) {
        setValue((old) => (Math.abs(old - measured) > 40 ? measured : old));
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, value };
}
