import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';
import { nonEmpty } from '../common/useUrlFilter';

export type DeviceSummary = Schemas['DeviceSummary'];
export type DeviceCounts = Schemas['DeviceCountsResponse'];
export type DeviceDetail = Schemas['DeviceDetailResponse'];
export type LedgerAuditEntry = Schemas['LedgerAuditEntry'];

/** The filters GET /api/v1/devices applies on the server; an empty string means "any". */
export interface DeviceFilter {
  status: string;
  group: string;
  model: string;
  idPrefix: string;
}

/** The largest page the gateway accepts (biotdm.device-admin.max-page-size). */
export const DEVICE_PAGE_SIZE = 200;

/**
 * The orders the gateway sorts the list in (`sort`; a leading `-` is descending). The table's sortable columns are
 * these keys; `group` is the list's `group` field.
 */
export const SORTABLE = ['deviceId', 'status', 'group', 'model', 'lastSeenAt'] as const;
export type SortKey = (typeof SORTABLE)[number];

/** The device list, page by page, filtered and sorted on the server (`sort` such as `-lastSeenAt`, empty: by ID). */
export function useDevices(filter: DeviceFilter, sort = '') {
  return useInfiniteQuery({
    queryKey: ['devices', filter, sort],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/devices', {
          params: {
            query: { ...nonEmpty(filter), sort: sort || undefined, pageSize: DEVICE_PAGE_SIZE, cursor: pageParam },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // The previous list stays on screen while a changed filter loads.
    placeholderData: keepPreviousData,
  });
}

/** The devices the person may see, counted by status and connectivity; refreshed every 30 s and on live events. */
export function useDeviceCounts() {
  return useQuery({
    queryKey: ['devices', 'counts'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/devices:counts', { signal })),
    refetchInterval: 30_000,
  });
}

/** One device's ledger record and when it was last heard of. */
export function useDevice(deviceId: string) {
  return useQuery({
    queryKey: ['device', deviceId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/devices/{deviceId}', { params: { path: { deviceId } }, signal })),
  });
}

/** The device record's ledger history, newest first, each version with its transaction ID and writer. */
export function useDeviceHistory(deviceId: string) {
  return useQuery({
    queryKey: ['device', deviceId, 'history'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/devices/{deviceId}/history', { params: { path: { deviceId } }, signal })),
  });
}

export type LifecycleChange = 'activate' | 'suspend' | 'reactivate';

/** Activates, suspends or reactivates a device (admins), then reloads its record and history. */
export function useLifecycleChange(deviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ change, reason }: { change: LifecycleChange; reason: string }) =>
      unwrap(
        api.POST(`/api/v1/devices/{deviceId}/${change}`, {
          params: { path: { deviceId } },
          body: { reason: reason || undefined },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['device', deviceId] }),
  });
}
