/**
 * What the dashboard knows of its link to the gateway, for the banner: `online` after any answer that is not a 503,
 * `offline` when a request got no answer, `unavailable` after a 503 (the gateway runs but the ledger or the database
 * does not). A tiny external store, read with React's useSyncExternalStore.
 */
export type ConnectionState =
  | { kind: 'online' }
  | { kind: 'offline' }
  | { kind: 'unavailable'; code: string; message: string };

let state: ConnectionState = { kind: 'online' };
const listeners = new Set<() => void>();

export const connection = {
  get: (): ConnectionState => state,
  set(next: ConnectionState): void {
    if (next.kind === state.kind && (next.kind !== 'unavailable' || sameProblem(next, state))) {
      return;
    }
    state = next;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

function sameProblem(a: ConnectionState, b: ConnectionState): boolean {
  return a.kind === 'unavailable' && b.kind === 'unavailable' && a.code === b.code;
}
