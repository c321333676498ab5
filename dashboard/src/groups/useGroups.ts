import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Group = Schemas['LedgerGroup'];
export type GroupPolicy = Schemas['GroupPolicyBody'];

/** The groups the person may see, one ledger page of 200 (`GET /api/v1/groups`). */
export function useGroups() {
  return useQuery({
    queryKey: ['groups'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/groups', { params: { query: { pageSize: 200 } }, signal })),
  });
}

/** The command types a policy lists, from text separated by commas or spaces, without duplicates. */
export function commandTypes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

type GroupChange =
  | { kind: 'create'; groupId: string; description?: string; policy: GroupPolicy }
  | { kind: 'add'; groupId: string; deviceId: string }
  | { kind: 'remove'; groupId: string; deviceId: string }
  | { kind: 'policy'; groupId: string; policy: GroupPolicy };

function send(change: GroupChange) {
  const path = { groupId: change.groupId };
  switch (change.kind) {
    case 'create':
      return api.POST('/api/v1/groups', { body: { groupId: change.groupId, description: change.description, policy: change.policy } });
    case 'add':
      return api.POST('/api/v1/groups/{groupId}/members', { params: { path }, body: { deviceId: change.deviceId } });
    case 'remove':
      return api.DELETE('/api/v1/groups/{groupId}/members/{deviceId}', { params: { path: { ...path, deviceId: change.deviceId } } });
    case 'policy':
      return api.PUT('/api/v1/groups/{groupId}/policy', { params: { path }, body: change.policy });
  }
}

/** Creates a group, adds or removes a member, or replaces a policy (admins of the owner); each is a ledger transaction. */
export function useGroupChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: GroupChange) => unwrap(send(change)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['groups'] }),
  });
}
