import { createColumnHelper } from '@tanstack/react-table';
import { type FormEvent, useState } from 'react';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { commandTypes, type Group, type GroupPolicy, useGroupChange, useGroups } from './useGroups';

/** A policy in one line: `reboot, set-interval · channel stable · head mote-1 · co-endorsed`. */
export function describePolicy(policy: GroupPolicy): string {
  return [
    policy.commandTypes.length ? policy.commandTypes.join(', ') : 'no command types',
    policy.firmwareChannel && `channel ${policy.firmwareChannel}`,
    policy.clusterHeadDeviceId && `head ${policy.clusterHeadDeviceId}`,
    policy.coEndorseGrantees && 'co-endorsed',
  ]
    .filter(Boolean)
    .join(' · ');
}

const column = createColumnHelper<Group>();

/**
 * Groups: every group the person may see with its members and policy (the command types its members accept, firmware
 * channel, cluster head, whether grant holders co-endorse); admins create groups and change members and policy.
 */
export function GroupsPage() {
  const groups = useGroups();
  const admin = may(useSession()?.user.role, 'groups.administer');
  const [selected, setSelected] = useState<string>();
  const columns = [
    column.accessor('groupId', { header: 'Group' }),
    column.accessor('description', { header: 'Description', cell: (i) => i.getValue() ?? '—' }),
    column.accessor((g) => g.members.length, { id: 'members', header: 'Members' }),
    column.accessor((g) => describePolicy(g.policy), { id: 'policy', header: 'Policy' }),
    column.accessor((g) => g.endorsingMsps.join(', '), { id: 'endorsers', header: 'Endorsed by' }),
    column.accessor('updatedAt', { header: 'Changed', cell: (i) => formatTime(i.getValue()) }),
    column.display({
      id: 'open',
      header: 'Details',
      cell: ({ row: { original: g } }) => (
        <button type="button" onClick={() => setSelected(g.groupId)}>
          Open {g.groupId}
        </button>
      ),
    }),
  ];
  const group = groups.data?.items.find((g) => g.groupId === selected);
  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">Groups</h1>
      {admin && <GroupForm />}
      {groups.error && <ErrorNotice error={groups.error} title="Groups could not be loaded" />}
      <DataTable label="Group list" rows={groups.data?.items ?? []} columns={columns} rowKey={(g) => g.groupId} empty="No groups yet." />
      {group && <GroupDetail key={group.groupId} group={group} admin={admin} />}
    </section>
  );
}

function PolicyFields(props: { draft: PolicyDraft; onChange: (draft: PolicyDraft) => void }) {
  const set = (key: keyof PolicyDraft) => (e: { target: { value: string } }) => props.onChange({ ...props.draft, [key]: e.target.value });
  return (
    <>
      <label>
        Command types
        <input value={props.draft.commandTypes} onChange={set('commandTypes')} placeholder="reboot, set-interval" />
      </label>
      <label>
        Firmware channel
        <input value={props.draft.firmwareChannel} onChange={set('firmwareChannel')} />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={props.draft.coEndorse}
          onChange={(e) => props.onChange({ ...props.draft, coEndorse: e.target.checked })}
        />
        Grant holders co-endorse
      </label>
    </>
  );
}

interface PolicyDraft {
  commandTypes: string;
  firmwareChannel: string;
  coEndorse: boolean;
}

function toPolicy(draft: PolicyDraft, previous?: GroupPolicy): GroupPolicy {
  return {
    commandTypes: commandTypes(draft.commandTypes),
    firmwareChannel: draft.firmwareChannel || undefined,
    clusterHeadDeviceId: previous?.clusterHeadDeviceId ?? undefined,
    coEndorseGrantees: draft.coEndorse,
  };
}

const NEW_POLICY: PolicyDraft = { commandTypes: '', firmwareChannel: '', coEndorse: false };

function GroupForm() {
  const [groupId, setGroupId] = useState('');
  const [description, setDescription] = useState('');
  const [policy, setPolicy] = useState(NEW_POLICY);
  const change = useGroupChange();

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate(
      { kind: 'create', groupId, description: description || undefined, policy: toPolicy(policy) },
      { onSuccess: () => (setGroupId(''), setDescription(''), setPolicy(NEW_POLICY)) },
    );
  }

  return (
    <form className="command-form" onSubmit={submit} aria-label="Create a group">
      <label>
        Group ID
        <input required value={groupId} onChange={(e) => setGroupId(e.target.value)} />
      </label>
      <label>
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <PolicyFields draft={policy} onChange={setPolicy} />
      <button type="submit" disabled={change.isPending}>
        Create group
      </button>
      {change.error && <ErrorNotice error={change.error} title="The group was not created" />}
    </form>
  );
}

function GroupDetail({ group, admin }: { group: Group; admin: boolean }) {
  const change = useGroupChange();
  const [member, setMember] = useState('');
  const [policy, setPolicy] = useState<PolicyDraft>({
    commandTypes: group.policy.commandTypes.join(', '),
    firmwareChannel: group.policy.firmwareChannel ?? '',
    coEndorse: group.policy.coEndorseGrantees,
  });
  const id = group.groupId;
  return (
    <section aria-labelledby="group-detail-title">
      <h2 id="group-detail-title">Group {id}</h2>
      <p className="muted">
        Owner {group.ownerMsp}; last changed by {group.updatedBy ?? '—'} ({group.updatedByMsp ?? '—'}).
      </p>
      {change.error && <ErrorNotice error={change.error} title="The group was not changed" />}
      <ul aria-label={`Members of ${id}`}>
        {group.members.map((d) => (
          <li key={d}>
            {d}{' '}
            {admin && (
              <button type="button" onClick={() => change.mutate({ kind: 'remove', groupId: id, deviceId: d })}>
                Remove {d}
              </button>
            )}
          </li>
        ))}
        {group.members.length === 0 && <li className="muted">No members.</li>}
      </ul>
      {admin && (
        <>
          <form
            className="command-form"
            aria-label="Add a member"
            onSubmit={(e) => (e.preventDefault(), change.mutate({ kind: 'add', groupId: id, deviceId: member }, { onSuccess: () => setMember('') }))}
          >
            <label>
              Device ID
              <input required value={member} onChange={(e) => setMember(e.target.value)} />
            </label>
            <button type="submit" disabled={change.isPending}>
              Add member
            </button>
          </form>
          <form
            className="command-form"
            aria-label="Change the policy"
            onSubmit={(e) => (e.preventDefault(), change.mutate({ kind: 'policy', groupId: id, policy: toPolicy(policy, group.policy) }))}
          >
            <PolicyFields draft={policy} onChange={setPolicy} />
            <button type="submit" disabled={change.isPending}>
              Save policy
            </button>
          </form>
        </>
      )}
    </section>
  );
}
