import { createColumnHelper } from '@tanstack/react-table';
import { type FormEvent, useState } from 'react';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { SEVERITIES, type AlertRule, type AlertRuleRequest, useAlertRules, useDeleteRule, useSaveRule, withEnabled } from './useAlerts';

const COMPARISONS = ['>', '>=', '<', '<=', '==', '!='] as const;
const SCOPES = ['device', 'group', 'fleet'] as const;
const column = createColumnHelper<AlertRule>();

/** The rule as one line: `temperature > 40 (3 in a row) on device mote-1`. */
export function describeRule(rule: Pick<AlertRule, 'sensor' | 'comparison' | 'value' | 'consecutive' | 'scope' | 'deviceId' | 'group'>): string {
  const times = rule.consecutive > 1 ? ` (${rule.consecutive} in a row)` : '';
  const on = rule.scope === 'device' ? `device ${rule.deviceId}` : rule.scope === 'group' ? `group ${rule.group}` : 'the whole fleet';
  return `${rule.sensor} ${rule.comparison} ${rule.value}${times} on ${on}`;
}

/**
 * Alert rules: every rule the person may see; admins add rules (a threshold on one sensor of a device, a group or
 * the whole fleet), switch them on and off, and delete them.
 */
export function AlertRulesPage() {
  const rules = useAlertRules();
  const admin = may(useSession()?.user.role, 'alertRules.administer');
  const save = useSaveRule();
  const remove = useDeleteRule();
  const columns = [
    column.accessor('ruleId', { header: 'Rule' }),
    column.accessor('name', { header: 'Name', cell: (i) => i.getValue() ?? '—' }),
    column.accessor((r) => describeRule(r), { id: 'condition', header: 'Condition' }),
    column.accessor('severity', { header: 'Severity' }),
    column.accessor('enabled', { header: 'Enabled', cell: (i) => (i.getValue() ? 'yes' : 'no') }),
    column.accessor('createdBy', { header: 'Created by' }),
    ...(admin
      ? [
          column.display({
            id: 'actions',
            header: 'Actions',
            cell: ({ row: { original: r } }) => (
              <span className="lifecycle">
                <button type="button" onClick={() => save.mutate({ ruleId: r.ruleId, rule: withEnabled(r, !r.enabled) })}>
                  {r.enabled ? 'Disable' : 'Enable'} {r.ruleId}
                </button>
                <button type="button" onClick={() => remove.mutate(r.ruleId)}>
                  Delete {r.ruleId}
                </button>
              </span>
            ),
          }),
        ]
      : []),
  ];
  return (
    <section aria-labelledby="rules-title">
      <h1 id="rules-title">Alert rules</h1>
      {admin && <RuleForm />}
      {rules.error && <ErrorNotice error={rules.error} title="Rules could not be loaded" />}
      {save.error && <ErrorNotice error={save.error} title="The rule was not changed" />}
      {remove.error && <ErrorNotice error={remove.error} title="The rule was not deleted" />}
      <DataTable label="Rule list" rows={rules.data ?? []} columns={columns} rowKey={(r) => r.ruleId} empty="No rules yet." />
    </section>
  );
}

const NEW_RULE = { name: '', scope: 'device', deviceId: '', group: '', sensor: '', comparison: '>', value: '', consecutive: '1', severity: 'warning' };

function RuleForm() {
  const [draft, setDraft] = useState(NEW_RULE);
  const save = useSaveRule();
  const set = (key: keyof typeof NEW_RULE) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const rule: AlertRuleRequest = {
      name: draft.name || undefined,
      scope: draft.scope,
      deviceId: draft.scope === 'device' ? draft.deviceId : undefined,
      group: draft.scope === 'group' ? draft.group : undefined,
      sensor: draft.sensor,
      comparison: draft.comparison,
      value: Number(draft.value),
      consecutive: Number(draft.consecutive),
      severity: draft.severity,
    };
    save.mutate({ rule }, { onSuccess: () => setDraft(NEW_RULE) });
  }

  return (
    <form className="command-form" onSubmit={submit} aria-label="Add an alert rule">
      <label>
        Name
        <input value={draft.name} onChange={set('name')} />
      </label>
      <label>
        Scope
        <select value={draft.scope} onChange={set('scope')}>
          {SCOPES.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      {draft.scope === 'device' && (
        <label>
          Device ID
          <input required value={draft.deviceId} onChange={set('deviceId')} />
        </label>
      )}
      {draft.scope === 'group' && (
        <label>
          Group
          <input required value={draft.group} onChange={set('group')} />
        </label>
      )}
      <label>
        Sensor
        <input required value={draft.sensor} onChange={set('sensor')} />
      </label>
      <label>
        Comparison
        <select value={draft.comparison} onChange={set('comparison')}>
          {COMPARISONS.map((c) => <option key={c}>{c}</option>)}
        </select>
      </label>
      <label>
        Threshold
        <input required type="number" step="any" value={draft.value} onChange={set('value')} />
      </label>
      <label>
        Readings in a row
        <input type="number" min={1} max={1000} value={draft.consecutive} onChange={set('consecutive')} />
      </label>
      <label>
        Severity
        <select value={draft.severity} onChange={set('severity')}>
          {SEVERITIES.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <button type="submit" disabled={save.isPending}>
        Add rule
      </button>
      {save.error && <ErrorNotice error={save.error} title="The rule was not added" />}
    </form>
  );
}
