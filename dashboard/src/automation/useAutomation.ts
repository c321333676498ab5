import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type AutomationRule = Schemas['LedgerRule'];
export type AutomationRuleRequest = Schemas['RuleRequest'];
export type Firing = Schemas['RuleFirings.Firing'];

/** The automation rules the person may see, one ledger page of 200 (`GET /api/v1/automation/rules`). */
export function useAutomationRules() {
  return useQuery({
    queryKey: ['automation-rules'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/automation/rules', { params: { query: { pageSize: 200 } }, signal })),
  });
}

/** The gateway's recent rule firings: each command a rule issued, with the readings that made it fire. */
export function useFirings() {
  return useQuery({
    queryKey: ['automation-firings'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/automation/firings', { signal })),
  });
}

/** Registers a rule (admins of the owner organisation). */
export function useRegisterRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rule: AutomationRuleRequest) => unwrap(api.POST('/api/v1/automation/rules', { body: rule })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['automation-rules'] }),
  });
}

/** Enables or disables a rule (admins of the owner organisation). */
export function useSwitchRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ruleId, enable }: { ruleId: string; enable: boolean }) =>
      unwrap(
        api.POST(`/api/v1/automation/rules/{automationRuleId}/${enable ? 'enable' : 'disable'}`, {
          params: { path: { automationRuleId: ruleId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['automation-rules'] }),
  });
}

function target(t: { deviceId?: string | null; groupId?: string | null }): string {
  return t.deviceId ? `device ${t.deviceId}` : `group ${t.groupId ?? '?'}`;
}

/** A rule's condition in one line: `occupancy >= 1 on group hall`, or `alert anomaly on device mote-1` (docs/automation.md). */
export function describeCondition(c: AutomationRule['condition']): string {
  if (c.kind === 'metric') {
    return `${c.sensor} ${c.comparison} ${c.threshold} on ${target(c)}`;
  }
  const which = [c.alertRuleId && `rule ${c.alertRuleId}`, c.alertKind].filter(Boolean).join(' ');
  return `alert ${which || 'any'} on ${target(c)}`;
}

/** A rule's action in one line: `light {"on":true} to group hall`. */
export function describeAction(a: AutomationRule['action']): string {
  return `${a.commandType} ${a.parameters} to ${target(a)}`;
}
