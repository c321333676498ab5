import { useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { ApiError } from '../api/errors';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { useUrlFilter } from '../common/useUrlFilter';
import { useLiveEvents } from '../live/useLiveEvents';
import { DesiredEditor } from './DesiredEditor';
import { type ConfigurationState, useConfigurationState, useDrifting } from './useConfiguration';

const short = (sha?: string | null) => (sha ? <code title={sha}>{sha.slice(0, 12)}…</code> : '—');

/**
 * Configuration: a device's desired configuration (what its owner's admin set on the ledger) against the one it
 * reported applying, and whether they differ (drift), updated live by `configuration` events; admins edit the desired
 * document; admins and auditors list the organisation's drifting devices.
 */
export function ConfigurationPage() {
  const [filter, setFilter] = useUrlFilter(['device'] as const);
  const [typed, setTyped] = useState(filter.device);
  const role = useSession()?.user.role;
  const state = useConfigurationState(filter.device);
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['configuration'] });
  useLiveEvents(reload, { types: ['configuration'] }, reload);
  const none = state.error instanceof ApiError && state.error.code === 'CONFIGURATION_NOT_FOUND';
  return (
    <section aria-labelledby="configuration-title">
      <h1 id="configuration-title">Configuration</h1>
      <form className="filters" role="search" aria-label="Choose a device" onSubmit={(e) => (e.preventDefault(), setFilter('device', typed.trim()))}>
        <label>
          Device ID
          <input value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit">Show</button>
      </form>
      {state.error && !none && <ErrorNotice error={state.error} title="The configuration could not be loaded" />}
      {none && <p>No desired configuration has been set for {filter.device}.</p>}
      {state.data && <Comparison state={state.data} />}
      {filter.device && (state.data || none) && may(role, 'configuration.set') && (
        <DesiredEditor key={filter.device} deviceId={filter.device} />
      )}
      {may(role, 'configuration.drift') && <Drifting onShow={(d) => (setTyped(d), setFilter('device', d))} />}
    </section>
  );
}

function Comparison({ state: s }: { state: ConfigurationState }) {
  return (
    <>
      <h2>
        {s.deviceId}:{' '}
        <span className={s.drift ? 'verdict verdict-mismatch' : 'verdict verdict-match'}>{s.drift ? 'DRIFT' : 'IN SYNC'}</span>
      </h2>
      <table aria-label="Desired and reported configuration">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Version</th>
            <th scope="col">SHA-256</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Desired</th>
            <td>{s.desiredVersion}</td>
            <td>{short(s.desiredSha256)}</td>
            <td>{formatTime(s.desiredAt)}</td>
          </tr>
          <tr>
            <th scope="row">Reported</th>
            <td>{s.reportedVersion ?? '—'}</td>
            <td>{short(s.reportedSha256)}</td>
            <td>{formatTime(s.reportedAt)}</td>
          </tr>
        </tbody>
      </table>
      {s.lastReportStatus && (
        <p className="muted">
          Last report: version {s.lastReportVersion} {s.lastReportStatus}
          {s.lastReportCode ? ` (${s.lastReportCode})` : ''} at {formatTime(s.lastReportAt)}.
        </p>
      )}
    </>
  );
}

const column = createColumnHelper<ConfigurationState>();

function Drifting({ onShow }: { onShow: (deviceId: string) => void }) {
  const drifting = useDrifting(true);
  const columns = [
    column.accessor('deviceId', {
      header: 'Device',
      cell: (i) => (
        <button type="button" className="link" onClick={() => onShow(i.getValue())}>
          {i.getValue()}
        </button>
      ),
    }),
    column.accessor('desiredVersion', { header: 'Desired' }),
    column.accessor('reportedVersion', { header: 'Reported', cell: (i) => i.getValue() ?? '—' }),
    column.accessor('lastReportCode', { header: 'Last refusal', cell: (i) => i.getValue() ?? '—' }),
  ];
  return (
    <>
      <h2>Drifting devices</h2>
      {drifting.error && <ErrorNotice error={drifting.error} title="Drifting devices could not be loaded" />}
      <DataTable label="Drifting devices" rows={drifting.data?.devices ?? []} columns={columns} rowKey={(d) => d.deviceId} empty="No device drifts." />
    </>
  );
}
