import { useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { useDebounced } from '../common/useDebounced';
import { useUrlFilter } from '../common/useUrlFilter';
import { useLiveEvents } from '../live/useLiveEvents';
import { ALERT_STATES, ALERT_TIMES, type Alert, type AlertAction, SEVERITIES, timeLabel, useAlertAction, useAlerts } from './useAlerts';

const KEYS = ['device', 'state', 'severity', 'by', 'from', 'to'] as const;
const column = createColumnHelper<Alert>();

function columns(selected: Set<number>, toggle: (id: number) => void, selectable: boolean) {
  const base = [
    column.accessor('id', { header: 'Alert' }),
    column.accessor('deviceId', {
      header: 'Device',
      cell: (i) => <Link to={`/devices/${encodeURIComponent(i.getValue())}`}>{i.getValue()}</Link>,
    }),
    column.accessor('severity', { header: 'Severity', cell: (i) => <span className={`sev sev-${i.getValue()}`}>{i.getValue()}</span> }),
    column.accessor('state', { header: 'State' }),
    column.accessor('message', { header: 'Message' }),
    column.accessor('createdAt', { header: 'Created', cell: (i) => formatTime(i.getValue()) }),
    column.accessor('updatedAt', { header: 'Updated', cell: (i) => formatTime(i.getValue()) }),
    column.accessor('clearedAt', { header: 'Cleared', cell: (i) => formatTime(i.getValue()) }),
    column.accessor((a) => a.resolvedBy ?? a.acknowledgedBy, { id: 'by', header: 'Handled by', cell: (i) => i.getValue() ?? '—' }),
  ];
  if (!selectable) {
    return base;
  }
  const pick = column.display({
    id: 'select',
    header: () => <span className="visually-hidden">Select</span>,
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select alert ${row.original.id}`}
        checked={selected.has(row.original.id)}
        disabled={row.original.state === 'resolved'}
        onChange={() => toggle(row.original.id)}
      />
    ),
  });
  return [pick, ...base];
}

/**
 * Alerts: a live list (alert events reload it) filtered by device, state, severity and when raised; admins and
 * operators acknowledge or resolve one or many at once. Filters live in the URL.
 */
export function AlertsPage() {
  const [filter, setFilter] = useUrlFilter(KEYS);
  const alerts = useAlerts(useDebounced(filter, 300));
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['alerts'] });
  useLiveEvents(reload, { types: ['alert'] }, reload);
  const handles = may(useSession()?.user.role, 'alerts.handle');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const action = useAlertAction();
  const rows = alerts.data?.pages.flatMap((p) => p.items) ?? [];

  function toggle(id: number) {
    const next = new Set(selected);
    if (!next.delete(id)) {
      next.add(id);
    }
    setSelected(next);
  }
  function act(kind: AlertAction) {
    action.mutate({ action: kind, ids: [...selected] }, { onSuccess: (failed) => setSelected(new Set(failed.map((f) => f.id))) });
  }

  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">Alerts</h1>
      <AlertFilters filter={filter} setFilter={setFilter} />
      {alerts.error && <ErrorNotice error={alerts.error} title="Alerts could not be loaded" />}
      {handles && (
        <p className="lifecycle">
          <span>{selected.size} selected</span>
          <button type="button" disabled={selected.size === 0 || action.isPending} onClick={() => act('acknowledge')}>
            Acknowledge selected
          </button>
          <button type="button" disabled={selected.size === 0 || action.isPending} onClick={() => act('resolve')}>
            Resolve selected
          </button>
        </p>
      )}
      {action.data?.map((f) => <ErrorNotice key={f.id} error={f.error} title={`Alert ${f.id}`} />)}
      <DataTable
        label="Alert list"
        rows={rows}
        columns={columns(selected, toggle, handles)}
        rowKey={(a) => String(a.id)}
        empty={alerts.isPending ? 'Loading alerts…' : 'No alerts match.'}
      />
      {alerts.hasNextPage && (
        <button type="button" disabled={alerts.isFetchingNextPage} onClick={() => void alerts.fetchNextPage()}>
          Load more
        </button>
      )}
    </section>
  );
}

function AlertFilters({ filter, setFilter }: { filter: Record<(typeof KEYS)[number], string>; setFilter: (k: (typeof KEYS)[number], v: string) => void }) {
  return (
    <form className="filters" role="search" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
      <label>
        Device ID
        <input value={filter.device} onChange={(e) => setFilter('device', e.target.value)} />
      </label>
      <label>
        State
        <select value={filter.state} onChange={(e) => setFilter('state', e.target.value)}>
          <option value="">Any</option>
          {ALERT_STATES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Severity
        <select value={filter.severity} onChange={(e) => setFilter('severity', e.target.value)}>
          <option value="">Any</option>
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Time
        <select value={filter.by} onChange={(e) => setFilter('by', e.target.value)}>
          {ALERT_TIMES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {timeLabel(filter.by)} from
        <input type="datetime-local" value={filter.from} onChange={(e) => setFilter('from', e.target.value)} />
      </label>
      <label>
        {timeLabel(filter.by)} before
        <input type="datetime-local" value={filter.to} onChange={(e) => setFilter('to', e.target.value)} />
      </label>
    </form>
  );
}
