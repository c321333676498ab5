import { configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { connection } from '../api/connection';
import { sessions } from '../auth/session';

// findBy… waits up to 5 s: screens that chain two requests outlast the default 1 s on a loaded machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  sessions.end();
  connection.set({ kind: 'online' });
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
