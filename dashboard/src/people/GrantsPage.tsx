import { createColumnHelper } from '@tanstack/react-table';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { useDebounced } from '../common/useDebounced';
import { useUrlFilter } from '../common/useUrlFilter';
import { commandTypes, type Grant, useCreateGrant, useGrants, useMyGrants, useRevokeGrant } from './usePeople';

const column = createColumnHelper<Grant>();
const KEYS = ['deviceId', 'deviceGroup'] as const;
const COLUMNS = [
  column.accessor('grantId', { header: 'Grant', cell: (i) => <Link to={`/audit?grant=${encodeURIComponent(i.getValue())}`}>{i.getValue()}</Link> }),
  column.accessor((g) => g.granteeId ?? `every operator of ${g.granteeMsp}`, { id: 'grantee', header: 'Grantee' }),
  column.accessor((g) => (g.deviceId ? `device ${g.deviceId}` : `group ${g.deviceGroup ?? '—'}`), { id: 'covers', header: 'Covers' }),
  column.accessor((g) => (g.commandTypes ?? []).join(', '), { id: 'types', header: 'Command types' }),
  column.accessor('status', { header: 'Status' }),
  column.accessor('expiresAt', { header: 'Expires', cell: (i) => formatTime(i.getValue()) }),
  column.accessor('updatedBy', { header: 'Last written by', cell: (i) => i.getValue() ?? '—' }),
];

/**
 * Grants: for admins and auditors the organisation's grants as the ledger holds them (which operators may issue which
 * command types to which devices or groups; admins grant and revoke, each change a ledger transaction); for an
 * operator the grants in force that name them.
 */
export function GrantsPage() {
  return may(useSession()?.user.role, 'grants.read') ? <OrganisationGrants /> : <MyGrants />;
}

function MyGrants() {
  const mine = useMyGrants();
  return (
    <section aria-labelledby="grants-title">
      <h1 id="grants-title">Grants</h1>
      <p>The grants in force that let you issue commands.</p>
      {mine.error && <ErrorNotice error={mine.error} title="Your grants could not be loaded" />}
      <DataTable label="Grant list" rows={mine.data ?? []} columns={COLUMNS} rowKey={(g) => g.grantId} empty={mine.isPending ? 'Loading grants…' : 'No grant names you.'} />
    </section>
  );
}

function OrganisationGrants() {
  const [filter, setFilter] = useUrlFilter(KEYS);
  const grants = useGrants(useDebounced(filter, 300));
  const admin = may(useSession()?.user.role, 'organisation.administer');
  const revoke = useRevokeGrant();
  const columns = [
    ...COLUMNS,
    ...(admin
      ? [
          column.display({
            id: 'revoke',
            header: 'Revoke',
            cell: ({ row: { original: g } }) =>
              g.status === 'ACTIVE' ? (
                <button type="button" onClick={() => revoke.mutate({ grantId: g.grantId, reason: 'revoked in the dashboard' })}>
                  Revoke {g.grantId}
                </button>
              ) : null,
          }),
        ]
      : []),
  ];
  const rows = grants.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="grants-title">
      <h1 id="grants-title">Grants</h1>
      {admin && <GrantForm />}
      <form className="filters" role="search" aria-label="Filter grants" onSubmit={(e) => e.preventDefault()}>
        <label>
          Device ID
          <input value={filter.deviceId} onChange={(e) => setFilter('deviceId', e.target.value)} />
        </label>
        <label>
          Device group
          <input value={filter.deviceGroup} onChange={(e) => setFilter('deviceGroup', e.target.value)} />
        </label>
      </form>
      {grants.error && <ErrorNotice error={grants.error} title="Grants could not be loaded" />}
      {revoke.error && <ErrorNotice error={revoke.error} title="The grant was not revoked" />}
      <DataTable label="Grant list" rows={rows} columns={columns} rowKey={(g) => g.grantId} empty={grants.isPending ? 'Loading grants…' : 'No grants.'} />
      {grants.hasNextPage && (
        <button type="button" onClick={() => void grants.fetchNextPage()}>
          Load more
        </button>
      )}
    </section>
  );
}

const NEW_GRANT = { username: '', target: 'group', deviceId: '', deviceGroup: '', types: '', days: '30' };

function GrantForm() {
  const [draft, setDraft] = useState(NEW_GRANT);
  const create = useCreateGrant();
  const set = (key: keyof typeof NEW_GRANT) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        username: draft.username,
        deviceId: draft.target === 'device' ? draft.deviceId : undefined,
        deviceGroup: draft.target === 'group' ? draft.deviceGroup : undefined,
        commandTypes: commandTypes(draft.types),
        expiresAt: Date.now() + Number(draft.days) * 86_400_000,
      },
      { onSuccess: () => setDraft(NEW_GRANT) },
    );
  }
  return (
    <form className="command-form" onSubmit={submit} aria-label="Grant commands">
      <label>
        Operator (username)
        <input required value={draft.username} onChange={set('username')} />
      </label>
      <label>
        On
        <select value={draft.target} onChange={set('target')}>
          <option value="group">a device group</option>
          <option value="device">one device</option>
        </select>
      </label>
      {draft.target === 'device' ? (
        <label>
          Device ID
          <input required value={draft.deviceId} onChange={set('deviceId')} />
        </label>
      ) : (
        <label>
          Device group
          <input required value={draft.deviceGroup} onChange={set('deviceGroup')} />
        </label>
      )}
      <label>
        Command types (comma-separated)
        <input required value={draft.types} onChange={set('types')} placeholder="reboot, set-sampling-interval" />
      </label>
      <label>
        Valid for (days)
        <input type="number" min={1} max={3650} value={draft.days} onChange={set('days')} />
      </label>
      <button type="submit" disabled={create.isPending}>
        Grant
      </button>
      {create.error && <ErrorNotice error={create.error} title="The grant was not recorded" />}
      {create.data && (
        <p role="status">
          Granted {create.data.grant.grantId} in transaction <code>{create.data.transactionId}</code> (block {create.data.blockNumber}).
        </p>
      )}
    </form>
  );
}
