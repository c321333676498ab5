/**
 * The dashboard's one connection to `/ws/events` (protocol/websocket.md), shared by every screen that follows live
 * events: opened when the first listener subscribes, closed when the last leaves or the session ends, reopened with
 * exponential backoff after it drops (a fresh token first when the gateway closed it with 4001 AUTH_INVALID). Browsers
 * cannot set headers on a WebSocket, so the access token goes in the query (RFC 6750 §2.3), as the contract allows.
 * Events are not replayed after a reconnect: listeners reload what they show from the REST API on `reconnected`.
 */
import { sessions } from '../auth/session';

/** An event about one device, as the gateway sends it; `data` depends on `type`. */
export interface LiveEvent {
  type: string;
  deviceId: string;
  ownerMsp?: string;
  timestamp: number;
  data: Record<string, unknown>;
}

export type LiveListener = (event: LiveEvent) => void;

/** The close code with which the gateway ends a connection whose token expired or whose person was disabled. */
export const AUTH_INVALID_CLOSE = 4001;

const MAX_DELAY_MS = 30_000;

/**
 * Reads one text frame. Control messages (`ready`, `subscribed`, `dropped`, `error`) and anything malformed give
 * null; so do types the dashboard does not know, which clients must ignore.
 *
 * @param text the frame's text
 * @returns the device event, or null
 */
export function parseLiveMessage(text: string): LiveEvent | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) {
    return null;
  }
  const m = message as Partial<LiveEvent>;
  if (typeof m.type !== 'string' || typeof m.deviceId !== 'string' || typeof m.timestamp !== 'number') {
    return null;
  }
  const data = typeof m.data === 'object' && m.data !== null ? m.data : {};
  return { type: m.type, deviceId: m.deviceId, ownerMsp: m.ownerMsp, timestamp: m.timestamp, data };
}

/**
 * How long to wait before the next attempt: 1 s, doubling, at most 30 s.
 *
 * @param attempt failed attempts so far (0 for the first retry)
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(attempt, 15));
}

/**
 * The socket's address on the page's own origin.
 *
 * @param origin the page's origin, such as `https://gw.example:8443`
 * @param accessToken the person's access token
 */
export function liveUrl(origin: string, accessToken: string): string {
  const url = new URL('/ws/events', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('access_token', accessToken);
  return url.toString();
}

class LiveConnection {
  private readonly listeners = new Set<LiveListener>();
  private readonly reconnectListeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private everOpened = false;

  constructor() {
    sessions.subscribe(() => {
      if (!sessions.current()) {
        this.close();
      }
    });
  }

  subscribe(listener: LiveListener, onReconnect?: () => void): () => void {
    this.listeners.add(listener);
    if (onReconnect) {
      this.reconnectListeners.add(onReconnect);
    }
    this.open();
    return () => {
      this.listeners.delete(listener);
      if (onReconnect) {
        this.reconnectListeners.delete(onReconnect);
      }
      if (this.listeners.size === 0) {
        this.close();
      }
    };
  }

  private open(): void {
    const session = sessions.current();
    if (this.socket || this.timer || !session || typeof WebSocket === 'undefined') {
      return;
    }
    const socket = new WebSocket(liveUrl(globalThis.location.origin, session.accessToken));
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      if (this.everOpened) {
        this.reconnectListeners.forEach((listener) => listener());
      }
      this.everOpened = true;
    };
    socket.onmessage = (message: MessageEvent) => {
      const event = typeof message.data === 'string' ? parseLiveMessage(message.data) : null;
      if (event) {
        this.listeners.forEach((listener) => listener(event));
      }
    };
    socket.onclose = (close: CloseEvent) => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      this.retry(close.code === AUTH_INVALID_CLOSE);
    };
  }

  private retry(refreshFirst: boolean): void {
    if (this.listeners.size === 0 || !sessions.current()) {
      return;
    }
    const delay = reconnectDelay(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (refreshFirst) {
        void sessions.refresh().then(() => this.open());
      } else {
        this.open();
      }
    }, delay);
  }

  private close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = null;
    this.everOpened = false;
    socket?.close(1000);
  }
}

/** The shared connection. */
export const live = new LiveConnection();
