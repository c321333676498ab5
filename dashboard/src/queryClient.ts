import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/errors';

/** Most tries of a query whose failure may pass (network, 429, 503, 504); others fail at once. */
const TRANSIENT_TRIES = 8;

/**
 * The data cache of the dashboard. A query failing for a transient reason is retried with exponential backoff (1 s,
 * 2 s … capped at 30 s) while the connection banner says so; a refusal (4xx) is shown at once.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) => error instanceof ApiError && error.transient && failures < TRANSIENT_TRIES,
        retryDelay: (failures) => Math.min(30_000, 1000 * 2 ** failures),
      },
      mutations: { retry: false },
    },
  });
}
