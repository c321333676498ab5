import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type ConfigurationState = Schemas['ConfigurationResponse'];
export type DesiredConfiguration = Schemas['DesiredConfigurationResponse'];

/** A device's desired and reported configuration versions and hashes, with `drift` (`GET …/configuration`). */
export function useConfigurationState(deviceId: string) {
  return useQuery({
    queryKey: ['configuration', deviceId, 'state'],
    enabled: deviceId !== '',
    retry: false,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/devices/{deviceId}/configuration', { params: { path: { deviceId } }, signal })),
  });
}

/** A device's desired configuration document (`GET …/configuration/desired`). */
export function useDesiredConfiguration(deviceId: string) {
  return useQuery({
    queryKey: ['configuration', deviceId, 'desired'],
    enabled: deviceId !== '',
    retry: false,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/devices/{deviceId}/configuration/desired', { params: { path: { deviceId } }, signal })),
  });
}

/** The organisation's drifting devices, the first 200 by device ID (admins and auditors). */
export function useDrifting(enabled: boolean) {
  return useQuery({
    queryKey: ['configuration', 'drifting'],
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/configuration/drifting', { params: { query: { limit: 200 } }, signal })),
  });
}

/**
 * Sets a device's desired configuration (admins of the owner). `baseVersion` is the desired version the admin edited,
 * so a change made meanwhile by someone else is refused (`CONFIGURATION_VERSION_STALE`) rather than overwritten.
 */
export function useSetDesired(deviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ configuration, baseVersion }: { configuration: unknown; baseVersion?: number }) =>
      unwrap(
        api.PUT('/api/v1/devices/{deviceId}/configuration/desired', {
          params: { path: { deviceId } },
          body: { configuration: configuration as never, baseVersion },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['configuration'] }),
  });
}
