/**
 * The signed-in person's tokens (from POST /api/v1/auth/login, /refresh or /bootstrap), kept in sessionStorage so a
 * reload keeps the session and closing the tab ends it. The access token is refreshed a minute before it expires and
 * whenever the gateway refuses it; refresh tokens are one-time, so one refresh at a time is in flight.
 */
import type { components } from '../api/schema';

type TokenResponse = components['schemas']['TokenResponse'];
export type User = components['schemas']['UserView'];

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, epoch ms. */
  expiresAt: number;
  user: User;
}

const STORAGE_KEY = 'biotdm.session';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

let current: Session | null = load();
let inFlight: Promise<Session | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

export const sessions = {
  current: (): Session | null => current,

  /** Starts a session from a token answer. */
  start(token: TokenResponse, now: number = Date.now()): Session {
    const session: Session = {
      accessToken: token.accessToken,
      refreshToken: token.refreshToken,
      expiresAt: now + token.expiresIn * 1000,
      user: token.user,
    };
    replace(session);
    return session;
  },

  /** Ends the session locally (the caller revokes the refresh token first). */
  end(): void {
    replace(null);
  },

  /**
   * Trades the refresh token for new tokens. Concurrent callers share one request.
   *
   * @returns the new session; null when there is none or the gateway refused the refresh token (the session ends)
   *     or could not be reached (the session stays, to try again later)
   */
  refresh(): Promise<Session | null> {
    if (!current) {
      return Promise.resolve(null);
    }
    inFlight ??= exchange(current.refreshToken).finally(() => {
      inFlight = null;
    });
    return inFlight;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

async function exchange(refreshToken: string): Promise<Session | null> {
  let response: Response;
  try {
    response = await globalThis.fetch(`${globalThis.location.origin}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return null;
  }
  if (!response.ok) {
    if (response.status === 400 || response.status === 401) {
      replace(null);
    }
    return null;
  }
  return sessions.start((await response.json()) as TokenResponse);
}

function replace(session: Session | null): void {
  current = session;
  clearTimeout(timer);
  if (session) {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    const delay = Math.max(0, session.expiresAt - REFRESH_MARGIN_MS - Date.now());
    timer = setTimeout(() => void sessions.refresh(), delay);
  } else {
    sessionStorage.removeItem(STORAGE_KEY);
  }
  listeners.forEach((listener) => listener());
}

function load(): Session | null {
  try {
    const stored = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as Session) : null;
  } catch {
    return null;
  }
}
