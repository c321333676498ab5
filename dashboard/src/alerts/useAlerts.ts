import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';
import { nonEmpty } from '../common/useUrlFilter';

export type Alert = Schemas['Alert'];
export type AlertRule = Schemas['AlertRuleResponse'];
export type AlertRuleRequest = Schemas['AlertRuleRequest'];

/**
 * The list's filters (`GET /api/v1/alerts`); `from`/`to` (ISO-8601) bound the time `by` names: when the alert was
 * raised ('' or `created`), last changed (`updated`) or cleared (`cleared`).
 */
export interface AlertFilter {
  device: string;
  state: string;
  severity: string;
  by: string;
  from: string;
  to: string;
}

/** The times a range may bound, as the gateway names them (`by`), with their labels; '' is the gateway's default. */
export const ALERT_TIMES = [
  { value: '', label: 'Created' },
  { value: 'updated', label: 'Updated' },
  { value: 'cleared', label: 'Cleared' },
] as const;

/** The label of a `by` value: `Created`, `Updated` or `Cleared`. */
export function timeLabel(by: string): string {
  return ALERT_TIMES.find((t) => t.value === by)?.label ?? 'Created';
}

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** Turns a `datetime-local` value (local time, no zone) into the ISO-8601 instant the gateway reads; '' stays ''. */
export function localToIso(value: string): string {
  return value ? new Date(value).toISOString() : '';
}

/** Alerts, newest first, 200 a page, filtered on the server. */
export function useAlerts(filter: AlertFilter) {
  const query = nonEmpty({ ...filter, from: localToIso(filter.from), to: localToIso(filter.to) });
  return useInfiniteQuery({
    queryKey: ['alerts', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/alerts', { params: { query: { ...query, limit: 200, cursor: pageParam } }, signal })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export type AlertAction = 'acknowledge' | 'resolve';

/**
 * Acknowledges or resolves alerts one request each (the gateway has no batch route), all sent together; answers which
 * failed with their errors, so a partly done batch says exactly what is left.
 */
export function useAlertAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, ids }: { action: AlertAction; ids: number[] }) => {
      const outcomes = await Promise.allSettled(
        ids.map((id) =>
          unwrap(api.POST(`/api/v1/alerts/{alertId}/${action}`, { params: { path: { alertId: String(id) } } })),
        ),
      );
      return outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ id: ids[i]!, error: o.reason as unknown }] : []));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });
}

/** The alert rules the person may see, ordered by ID. */
export function useAlertRules() {
  return useQuery({
    queryKey: ['alert-rules'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/alert-rules', { signal })),
  });
}

/** Creates a rule, or replaces rule `ruleId` (admins). */
export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ruleId, rule }: { ruleId?: string; rule: AlertRuleRequest }) =>
      ruleId
        ? unwrap(api.PUT('/api/v1/alert-rules/{ruleId}', { params: { path: { ruleId } }, body: rule }))
        : unwrap(api.POST('/api/v1/alert-rules', { body: rule })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-rules'] }),
  });
}

/** Deletes a rule (admins). */
export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) =>
      unwrap(api.DELETE('/api/v1/alert-rules/{ruleId}', { params: { path: { ruleId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-rules'] }),
  });
}

/** The request that stores a rule as it is, with `enabled` changed. */
export function withEnabled(rule: AlertRule, enabled: boolean): AlertRuleRequest {
  const { name, scope, deviceId, group, sensor, comparison, value, consecutive, severity } = rule;
  return { name, scope, deviceId, group, sensor, comparison, value, consecutive, severity, enabled };
}
