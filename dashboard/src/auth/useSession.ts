import { useSyncExternalStore } from 'react';
import { type Session, sessions } from './session';

/** The current session, re-rendering when it starts, is refreshed or ends. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessions.subscribe, sessions.current);
}
