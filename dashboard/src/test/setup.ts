import { afterEach, vi } from 'vitest';
import { connection } from '../api/connection';
import { sessions } from '../auth/session';

afterEach(() => {
  sessions.end();
  connection.set({ kind: 'online' });
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
