import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { connection } from '../api/connection';

/**
 * Tells the person when the gateway cannot be reached or answers 503; queries keep retrying by themselves (see
 * queryClient), and "Retry now" asks again at once. Nothing on the page is cleared meanwhile.
 */
export function ConnectionBanner() {
  const state = useSyncExternalStore(connection.subscribe, connection.get);
  const queryClient = useQueryClient();
  if (state.kind === 'online') {
    return null;
  }
  const text =
    state.kind === 'offline'
      ? 'Lost connection to the gateway. Retrying…'
      : `The gateway is unavailable (${state.code}: ${state.message}). Retrying…`;
  return (
    <div className="banner" role="status" aria-live="polite">
      <span>{text}</span>
      <button type="button" onClick={() => void queryClient.refetchQueries({ type: 'active' })}>
        Retry now
      </button>
    </div>
  );
}
