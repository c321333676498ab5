import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { bucketFor } from './series';

/**
 * A device's telemetry over the last `rangeMs`, downsampled by the gateway to about one bucket per pixel of
 * `widthPx`, every sensor at once.
 */
export function useTelemetry(deviceId: string, rangeMs: number, widthPx: number) {
  const bucket = bucketFor(rangeMs, widthPx);
  return useQuery({
    queryKey: ['telemetry', deviceId, rangeMs, bucket],
    queryFn: ({ signal }) => {
      const to = Date.now();
      return unwrap(
        api.GET('/api/v1/devices/{deviceId}/telemetry', {
          params: {
            path: { deviceId },
            query: { from: String(to - rangeMs), to: String(to), bucket },
          },
          signal,
        }),
      );
    },
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
