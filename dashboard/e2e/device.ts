/**
 * A real device for the tests: e2e/device/E2eDevice.java on the device SDK (run from cli's jar, which holds it),
 * provisioning with a claim token, sending real readings each second and completing the commands it receives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { stack } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const CSV = resolve(ROOT, '../shared/data/suthaharan_wsn/single_hop/data.csv');

export interface RunningDevice {
  /** Waits for a line of the device's output matching the pattern; rejects when the device exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Closes its standard input (it finishes the command in hand and exits) and waits for it. */
  stop(): Promise<void>;
}

export function startDevice(deviceId: string, claimToken: string): RunningDevice {
  const state = mkdtempSync(join(tmpdir(), 'biotdm-e2e-device-'));
  const child: ChildProcess = spawn(
    'java',
    ['-cp', join(ROOT, 'cli/target/biotdm.jar'), join(import.meta.dirname, 'device/E2eDevice.java'), stack().dataDir, deviceId, claimToken, state, CSV],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    waiters.forEach((w) => w());
  });
  child.once('exit', () => waiters.forEach((w) => w()));
  return {
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`The device printed no ${pattern} in ${timeoutMs} ms: ${lines.join(' | ')}`)), timeoutMs);
        const check = () => {
          const found = lines.find((l) => pattern.test(l));
          if (found !== undefined) {
            clearTimeout(timer);
            done(found);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            fail(new Error(`The device exited (${child.exitCode}): ${lines.join(' | ')}`));
          }
        };
        waiters.push(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) {
        child.stdin!.end();
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await new Promise((done) => child.once('exit', done));
        clearTimeout(killer);
      }
    },
  };
}
