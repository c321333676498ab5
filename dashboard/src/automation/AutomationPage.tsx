import { createColumnHelper } from '@tanstack/react-table';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { RuleForm } from './RuleForm';
import { type AutomationRule, describeAction, describeCondition, type Firing, useAutomationRules, useFirings, useSwitchRule } from './useAutomation';

const rule = createColumnHelper<AutomationRule>();
const firing = createColumnHelper<Firing>();
const FIRING_COLUMNS = [
  firing.accessor('ruleId', { header: 'Rule' }),
  firing.accessor('deviceId', { header: 'Device' }),
  firing.accessor('commandType', { header: 'Command type' }),
  firing.accessor('commandId', { header: 'Command' }),
  firing.accessor('transactionId', { header: 'Transaction', cell: (i) => <code title={i.getValue()}>{i.getValue().slice(0, 16)}…</code> }),
  firing.accessor((f) => f.readingIds.length, { id: 'readings', header: 'Readings' }),
];

/**
 * Automation: the ledger's rules (when a condition holds for a device or group, issue a command, at most once per
 * cooldown), which admins register, enable and disable; and the commands the rules recently issued.
 */
export function AutomationPage() {
  const rules = useAutomationRules();
  const firings = useFirings();
  const admin = may(useSession()?.user.role, 'automation.administer');
  const change = useSwitchRule();
  const columns = [
    rule.accessor('ruleId', { header: 'Rule' }),
    rule.accessor('description', { header: 'Description', cell: (i) => i.getValue() ?? '—' }),
    rule.accessor((r) => describeCondition(r.condition), { id: 'condition', header: 'When' }),
    rule.accessor((r) => describeAction(r.action), { id: 'action', header: 'Then' }),
    rule.accessor('cooldownSeconds', { header: 'Cooldown (s)' }),
    rule.accessor('enabled', { header: 'Enabled', cell: (i) => (i.getValue() ? 'yes' : 'no') }),
    rule.accessor('updatedAt', { header: 'Changed', cell: (i) => formatTime(i.getValue()) }),
    ...(admin
      ? [
          rule.display({
            id: 'actions',
            header: 'Actions',
            cell: ({ row: { original: r } }) => (
              <button type="button" disabled={change.isPending} onClick={() => change.mutate({ ruleId: r.ruleId, enable: !r.enabled })}>
                {r.enabled ? 'Disable' : 'Enable'} {r.ruleId}
              </button>
            ),
          }),
        ]
      : []),
  ];
  return (
    <section aria-labelledby="automation-title">
      <h1 id="automation-title">Automation</h1>
      {admin && <RuleForm />}
      {rules.error && <ErrorNotice error={rules.error} title="Rules could not be loaded" />}
      {change.error && <ErrorNotice error={change.error} title="The rule was not changed" />}
      <DataTable label="Automation rules" rows={rules.data?.items ?? []} columns={columns} rowKey={(r) => r.ruleId} empty="No rules yet." />
      <h2>Recent firings</h2>
      {firings.error && <ErrorNotice error={firings.error} title="Firings could not be loaded" />}
      <DataTable label="Rule firings" rows={firings.data ?? []} columns={FIRING_COLUMNS} rowKey={(f) => f.commandId} empty="No rule has fired yet." />
    </section>
  );
}
