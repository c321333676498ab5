import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLiveEvents } from '../live/useLiveEvents';
import { useDeviceCounts } from './useDevices';

/**
 * The fleet at a glance: how many devices the person may see, per status (each a button that filters the list by it)
 * and online or offline. Devices going online or offline, or changing status, refresh it at once.
 */
export function FleetCounts({ onStatus }: { onStatus: (status: string) => void }) {
  const counts = useDeviceCounts();
  const queryClient = useQueryClient();
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ['devices', 'counts'] }),
    [queryClient],
  );
  useLiveEvents(refresh, { types: ['connectivity', 'device'] });
  if (counts.error) {
    return <ErrorNotice error={counts.error} title="The fleet counts could not be loaded" />;
  }
  if (!counts.data) {
    return null;
  }
  const { total, byStatus, online, offline } = counts.data;
  return (
    <ul className="counts" aria-label="Fleet counts">
      <li>
        <button type="button" className="count-card" onClick={() => onStatus('')}>
          <strong>{total}</strong> devices
        </button>
      </li>
      {Object.entries(byStatus).map(([status, n]) => (
        <li key={status}>
          <button type="button" className="count-card" onClick={() => onStatus(status)}>
            <strong>{n}</strong> {status.toLowerCase()}
          </button>
        </li>
      ))}
      <li className="count-card online-yes">
        <strong>{online}</strong> online
      </li>
      <li className="count-card online-no">
        <strong>{offline}</strong> offline
      </li>
    </ul>
  );
}
