import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { type AutomationRuleRequest, useRegisterRule } from './useAutomation';

const COMPARISONS = ['>', '>=', '<', '<=', '==', '!='] as const;
const NEW_RULE = {
  ruleId: '', description: '', kind: 'metric', sensor: '', comparison: '>', threshold: '', alertKind: 'anomaly',
  alertRuleId: '', on: 'group', onId: '', commandType: '', parameters: '{}', to: 'group', toId: '', cooldownSeconds: '600',
};
type Draft = typeof NEW_RULE;

function scope(kind: string, id: string) {
  return kind === 'device' ? { deviceId: id } : { groupId: id };
}

/**
 * The rule request a form's values make (docs/automation.md). The threshold stays a decimal string, as the ledger keeps
 * it; the parameters must be a JSON object.
 *
 * @throws SyntaxError when the parameters are not JSON
 */
export function ruleRequest(draft: Draft): AutomationRuleRequest {
  const condition =
    draft.kind === 'metric'
      ? { kind: 'metric', sensor: draft.sensor, comparison: draft.comparison, threshold: draft.threshold }
      : { kind: 'alert', alertKind: draft.alertKind === 'any' ? undefined : draft.alertKind, alertRuleId: draft.alertRuleId || undefined };
  return {
    ruleId: draft.ruleId,
    description: draft.description || undefined,
    condition: { ...condition, ...scope(draft.on, draft.onId) },
    action: { commandType: draft.commandType, parameters: JSON.parse(draft.parameters) as never, ...scope(draft.to, draft.toId) },
    cooldownSeconds: Number(draft.cooldownSeconds),
    enabled: true,
  };
}

/** Registers an automation rule (admins); what was typed stays when the gateway or the JSON parser refuses it. */
export function RuleForm() {
  const [draft, setDraft] = useState(NEW_RULE);
  const [invalid, setInvalid] = useState<string>();
  const register = useRegisterRule();
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    let rule: AutomationRuleRequest;
    try {
      rule = ruleRequest(draft);
    } catch {
      setInvalid('The parameters are not JSON.');
      return;
    }
    setInvalid(undefined);
    register.mutate(rule, { onSuccess: () => setDraft(NEW_RULE) });
  }

  const select = (label: string, key: keyof Draft, options: readonly string[]) => (
    <label>
      {label}
      <select value={draft[key]} onChange={set(key)}>
        {options.map((o) => <option key={o}>{o}</option>)}
      </select>
    </label>
  );
  const input = (label: string, key: keyof Draft, required = true) => (
    <label>
      {label}
      <input required={required} value={draft[key]} onChange={set(key)} />
    </label>
  );

  return (
    <form className="command-form" onSubmit={submit} aria-label="Register an automation rule">
      {input('Rule ID', 'ruleId')}
      {input('Description', 'description', false)}
      {select('When', 'kind', ['metric', 'alert'])}
      {draft.kind === 'metric' ? (
        <>
          {input('Sensor', 'sensor')}
          {select('Comparison', 'comparison', COMPARISONS)}
          {input('Threshold', 'threshold')}
        </>
      ) : (
        <>
          {select('Alert kind', 'alertKind', ['anomaly', 'threshold', 'any'])}
          {input('Alert rule ID', 'alertRuleId', false)}
        </>
      )}
      {select('On', 'on', ['group', 'device'])}
      {input(draft.on === 'group' ? 'Condition group' : 'Condition device', 'onId')}
      {input('Command type', 'commandType')}
      <label>
        Parameters (JSON)
        <textarea rows={1} value={draft.parameters} onChange={set('parameters')} />
      </label>
      {select('To', 'to', ['group', 'device'])}
      {input(draft.to === 'group' ? 'Action group' : 'Action device', 'toId')}
      <label>
        Cooldown (s)
        <input type="number" min={0} max={604800} required value={draft.cooldownSeconds} onChange={set('cooldownSeconds')} />
      </label>
      <button type="submit" disabled={register.isPending}>
        Register rule
      </button>
      {invalid && <p role="alert">{invalid}</p>}
      {register.error && <ErrorNotice error={register.error} title="The rule was not registered" />}
    </form>
  );
}
