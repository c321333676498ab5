import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { useDebounced } from '../common/useDebounced';
import { nonEmpty, useUrlFilter } from '../common/useUrlFilter';
import { useLiveEvents } from '../live/useLiveEvents';
import type { Command } from './useCommands';

/** The lifecycle states a list may filter by (CommandState). */
export const COMMAND_STATES = ['ISSUED', 'DELIVERED', 'SUCCEEDED', 'FAILED', 'REJECTED', 'EXPIRED'] as const;
const PAGE = 100;
const KEYS = ['deviceId', 'state'] as const;

const column = createColumnHelper<Command>();
const COLUMNS = [
  column.accessor('commandId', { header: 'Command' }),
  column.accessor('deviceId', {
    header: 'Device',
    cell: (info) => <Link to={`/devices/${encodeURIComponent(info.getValue())}`}>{info.getValue()}</Link>,
  }),
  column.accessor('commandType', { header: 'Type' }),
  column.accessor('state', {
    header: 'State',
    cell: (info) => <span className={`state state-${info.getValue().toLowerCase()}`}>{info.getValue()}</span>,
  }),
  column.accessor('issuedBy', { header: 'Issued by' }),
  column.accessor((c) => c.issuedAt ?? c.createdAt, { id: 'issuedAt', header: 'Issued', cell: (i) => formatTime(i.getValue()) }),
  column.accessor('completedAt', { header: 'Completed', cell: (i) => formatTime(i.getValue()) }),
  column.accessor((c) => c.completeTransactionId ?? c.deliveryTransactionId ?? c.issueTransactionId, {
    id: 'tx',
    header: 'Latest transaction',
    cell: (i) => (i.getValue() ? <code>{i.getValue()!.slice(0, 16)}…</code> : '—'),
  }),
];

/** The commands the person may see across devices, newest first, page by page, filtered by device and state. */
export function useCommandList(filter: { deviceId: string; state: string }) {
  return useInfiniteQuery({
    queryKey: ['commands', 'list', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/commands', { params: { query: { ...nonEmpty(filter), limit: PAGE, cursor: pageParam } }, signal })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * Commands: every command across the devices the person may see, with filters by device and state kept in the URL;
 * states change live (`/ws/events` command events reload the list).
 */
export function CommandsPage() {
  const [filter, setFilter] = useUrlFilter(KEYS);
  const list = useCommandList(useDebounced(filter, 300));
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['commands', 'list'] });
  useLiveEvents(reload, { types: ['command'] }, reload);
  const commands = list.data?.pages.flatMap((p) => p.commands) ?? [];
  return (
    <section aria-labelledby="commands-page-title">
      <h1 id="commands-page-title">Commands</h1>
      <form className="filters" role="search" aria-label="Filter commands" onSubmit={(e) => e.preventDefault()}>
        <label>
          Device ID
          <input value={filter.deviceId} onChange={(e) => setFilter('deviceId', e.target.value)} />
        </label>
        <label>
          State
          <select value={filter.state} onChange={(e) => setFilter('state', e.target.value)}>
            <option value="">Any</option>
            {COMMAND_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </form>
      {list.error && <ErrorNotice error={list.error} title="Commands could not be loaded" />}
      <p className="count" aria-live="polite">
        {list.isPending ? 'Loading commands…' : `${commands.length} command${commands.length === 1 ? '' : 's'}`}
      </p>
      <DataTable label="Command list" rows={commands} columns={COLUMNS} rowKey={(c) => c.commandId} empty="No commands match." />
      {list.hasNextPage && (
        <button type="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Load more
        </button>
      )}
    </section>
  );
}
