import { createColumnHelper } from '@tanstack/react-table';
import { type FormEvent, useState } from 'react';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { type User, useCreateUser, useSetEnabled, useUsers } from './usePeople';

const ROLES = ['operator', 'auditor', 'admin'] as const;
const column = createColumnHelper<User>();

/** Users (admins): the organisation's people with their role and Fabric identity; add one, enable or disable sign-in. */
export function UsersPage() {
  const users = useUsers();
  const me = useSession()?.user.username;
  const setEnabled = useSetEnabled();
  const columns = [
    column.accessor('username', { header: 'Username' }),
    column.accessor('role', { header: 'Role' }),
    column.accessor('mspId', { header: 'Organisation' }),
    column.accessor('fabricId', { header: 'Fabric identity', cell: (i) => <code>{i.getValue()}</code> }),
    column.accessor('enabled', { header: 'Sign-in', cell: (i) => (i.getValue() ? 'enabled' : 'disabled') }),
    column.display({
      id: 'toggle',
      header: 'Change',
      cell: ({ row: { original: u } }) =>
        u.username === me ? null : (
          <button type="button" onClick={() => setEnabled.mutate({ username: u.username, enabled: !u.enabled })}>
            {u.enabled ? 'Disable' : 'Enable'} {u.username}
          </button>
        ),
    }),
  ];
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <UserForm />
      {users.error && <ErrorNotice error={users.error} title="Users could not be loaded" />}
      {setEnabled.error && <ErrorNotice error={setEnabled.error} title="Sign-in was not changed" />}
      <DataTable label="User list" rows={users.data ?? []} columns={columns} rowKey={(u) => u.username} />
    </section>
  );
}

function UserForm() {
  const [draft, setDraft] = useState({ username: '', password: '', role: 'operator' });
  const create = useCreateUser();
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(draft, { onSuccess: () => setDraft({ username: '', password: '', role: 'operator' }) });
  }
  return (
    <form className="command-form" onSubmit={submit} aria-label="Add a user">
      <label>
        Username
        <input required value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
      </label>
      <label>
        Password
        <input
          required
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(e) => setDraft({ ...draft, password: e.target.value })}
        />
      </label>
      <label>
        Role
        <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={create.isPending}>
        Add user
      </button>
      {create.error && <ErrorNotice error={create.error} title="The user was not added" />}
      {create.data && <p role="status">{create.data.username} was added as {create.data.role}.</p>}
    </form>
  );
}
