import { useCallback } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { useDebounced } from '../common/useDebounced';
import { useUrlFilter } from '../common/useUrlFilter';
import { FleetCounts } from './FleetCounts';
import { DeviceTable } from './DeviceTable';
import { type DeviceFilter, useDevices } from './useDevices';

const STATUSES = ['PROVISIONED', 'ACTIVE', 'SUSPENDED', 'DECOMMISSIONED'];
const URL_KEYS = ['status', 'group', 'model', 'idPrefix', 'sort'] as const;

/**
 * Fleet: the counts by status and connectivity, and the device list, filtered and sorted on the server (status,
 * group, model, ID prefix; any sortable column), loaded page by page as the table scrolls. Filter and order live in
 * the URL, so a reload, a shared link or the back button keeps them.
 */
export function FleetPage() {
  const [query, setFilter] = useUrlFilter(URL_KEYS);
  const { sort, ...filter }: DeviceFilter & { sort: string } = query;
  const devices = useDevices(useDebounced(filter, 300), sort);
  const loaded = devices.data?.pages.flatMap((page) => page.items) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = devices;
  const needMore = useCallback(() => {
    if (!isFetchingNextPage) {
      void fetchNextPage();
    }
  }, [isFetchingNextPage, fetchNextPage]);

  return (
    <section aria-labelledby="fleet-title">
      <h1 id="fleet-title">Fleet</h1>
      <FleetCounts onStatus={(status) => setFilter('status', status)} />
      <form className="filters" role="search" aria-label="Filter devices" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={filter.status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Device ID starts with
          <input value={filter.idPrefix} onChange={(e) => setFilter('idPrefix', e.target.value)} />
        </label>
        <label>
          Group
          <input value={filter.group} onChange={(e) => setFilter('group', e.target.value)} />
        </label>
        <label>
          Model
          <input value={filter.model} onChange={(e) => setFilter('model', e.target.value)} />
        </label>
      </form>
      {devices.error && <ErrorNotice error={devices.error} title="Devices could not be loaded" />}
      <p className="count" aria-live="polite">
        {devices.isPending
          ? 'Loading devices…'
          : `${loaded.length} device${loaded.length === 1 ? '' : 's'}${hasNextPage ? ' loaded so far' : ''}`}
      </p>
      {!devices.isPending && (
        <DeviceTable
          devices={loaded}
          hasMore={hasNextPage}
          onNeedMore={needMore}
          sort={sort}
          onSort={(next) => setFilter('sort', next)}
        />
      )}
    </section>
  );
}
