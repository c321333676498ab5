import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Grant = Schemas['LedgerGrant'];
export type GrantRequest = Schemas['GrantRequest'];
export type User = Schemas['UserView'];

/** The organisation's grants on the ledger, 100 a page (`bookmark` pages). */
export function useGrants(filter: { deviceId: string; deviceGroup: string }) {
  return useInfiniteQuery({
    queryKey: ['grants', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/grants', {
          params: {
            query: {
              deviceId: filter.deviceId || undefined,
              deviceGroup: filter.deviceGroup || undefined,
              pageSize: 100,
              bookmark: pageParam,
            },
          },
          signal,
        }),
      ),
    // The ledger answers an empty bookmark (or one with no more records) at the end.
    getNextPageParam: (page) => (page.bookmark && page.items.length > 0 ? page.bookmark : undefined),
  });
}

/** The grants in force that name the signed-in operator (`GET /api/v1/grants:mine`), ordered by ID. */
export function useMyGrants() {
  return useQuery({ queryKey: ['grants', 'mine'], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/grants:mine', { signal })) });
}

/** Grants an operator command types on a device or a group (admins); the answer names the ledger transaction. */
export function useCreateGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: GrantRequest) => unwrap(api.POST('/api/v1/grants', { body: request })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['grants'] }),
  });
}

/** Revokes a grant (admins), with the reason recorded on the ledger. */
export function useRevokeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ grantId, reason }: { grantId: string; reason: string }) =>
      unwrap(api.POST('/api/v1/grants/{grantId}/revoke', { params: { path: { grantId } }, body: { reason: reason || undefined } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['grants'] }),
  });
}

/** The organisation's people (admins). */
export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users', { signal })) });
}

/** Creates a person (admins). */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['AuthRequests.CreateUser']) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Enables or disables a person's sign-in (admins); disabling also ends their sessions at the gateway. */
export function useSetEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, enabled }: { username: string; enabled: boolean }) =>
      unwrap(api.PUT('/api/v1/users/{username}/enabled', { params: { path: { username } }, body: { enabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Splits a comma- or space-separated list of command types; empty entries dropped. */
export function commandTypes(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '');
}
