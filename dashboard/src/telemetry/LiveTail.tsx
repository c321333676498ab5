import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { formatTime } from '../common/format';
import { type LiveEvent } from '../live/live';
import { useLiveEvents } from '../live/useLiveEvents';
import { type LatestReading, mergeLatest } from './liveTail';

/** The charts are reloaded at most this often while readings arrive, so a busy device does not flood the gateway. */
const CHART_REFRESH_MS = 3_000;

/**
 * The live tail of a device: the latest value of each sensor as the gateway commits readings (the `/ws/events`
 * telemetry summaries), how many arrived since the page opened, and whether the device is online. Each summary also
 * moves the charts' range forward (a reload, at most every 3 s, of the reduced series ending now).
 */
export function LiveTail({ deviceId }: { deviceId: string }) {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState<Record<string, LatestReading>>({});
  const [count, setCount] = useState(0);
  const [online, setOnline] = useState<boolean | null>(null);
  const lastRefresh = useRef(0);

  function refreshCharts() {
    lastRefresh.current = Date.now();
    void queryClient.invalidateQueries({ queryKey: ['telemetry', deviceId] });
  }

  function onEvent(event: LiveEvent) {
    if (event.type === 'connectivity') {
      setOnline(event.data['state'] === 'online');
      void queryClient.invalidateQueries({ queryKey: ['device', deviceId], exact: true });
      return;
    }
    setLatest((before) => mergeLatest(before, event.data));
    setCount((before) => before + (typeof event.data['count'] === 'number' ? event.data['count'] : 0));
    setOnline(true);
    if (Date.now() - lastRefresh.current >= CHART_REFRESH_MS) {
      refreshCharts();
    }
  }

  useLiveEvents(onEvent, { deviceId, types: ['telemetry', 'connectivity'] }, refreshCharts);
  const sensors = Object.entries(latest).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="live-title" className="live-tail">
      <h2 id="live-title">Live</h2>
      <p aria-live="polite" data-testid="live-count">
        {online === null ? '' : online ? 'Online. ' : 'Offline. '}
        {count} reading{count === 1 ? '' : 's'} received since this page opened.
      </p>
      {sensors.length > 0 && (
        <table className="history">
          <caption className="visually-hidden">Latest value of each sensor</caption>
          <thead>
            <tr>
              <th scope="col">Sensor</th>
              <th scope="col">Latest value</th>
              <th scope="col">Reading time</th>
            </tr>
          </thead>
          <tbody>
            {sensors.map(([sensor, reading]) => (
              <tr key={sensor}>
                <td>{sensor}</td>
                <td>
                  {String(reading.value)}
                  {reading.unit ? ` ${reading.unit}` : ''}
                </td>
                <td>{formatTime(reading.ts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
