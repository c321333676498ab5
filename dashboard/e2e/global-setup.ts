/**
 * Starts the whole stack the way a new user would: `scripts/biotdm demo` (dev network, gateway-api with its embedded
 * MariaDB serving this dashboard, simulated devices replaying the bundled real data, commands, anchoring) on free
 * ports in a temporary data directory, and waits for the demo's summary. The tests read where it runs from
 * BIOTDM_E2E_API and BIOTDM_E2E_DATA_DIR; the returned function stops the stack (SIGTERM: its shutdown hook stops the
 * gateway and the network) and deletes the directory. When the stack does not start, the directory is kept for its
 * logs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const existing = process.env.BIOTDM_E2E_DATA_DIR;
  if (existing) {
    process.env.BIOTDM_E2E_API = readStackFile(existing)['api.url'];
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'biotdm-e2e-'));
  const demo = spawn(
    join(ROOT, 'scripts/biotdm'),
    ['demo', '--rows', '300', '--water-rows', '300', '--data-dir', dataDir]
      .concat(['--api-port', '0', '--device-port', '0', '--devnet-port', '0']),
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async () => {
    if (demo.exitCode === null) {
      demo.kill('SIGTERM');
      await new Promise((done) => demo.once('exit', done));
    }
  };
  try {
    await demoSummary(demo.stdout!);
  } catch (e) {
    await stop();
    // Kept for its logs (logs/devnet.log, logs/gateway.log).
    process.stderr.write(`The stack did not start; its data directory is kept: ${dataDir}\n`);
    throw e;
  }
  process.env.BIOTDM_E2E_DATA_DIR = dataDir;
  process.env.BIOTDM_E2E_API = readStackFile(dataDir)['api.url'];
  return async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Waits for the demo's last line, `DEMO … result=OK`; fails on any other result or when the demo exits first. */
function demoSummary(stdout: NodeJS.ReadableStream): Promise<void> {
  return new Promise((done, fail) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      process.stderr.write(`[demo] ${line}\n`);
      if (line.startsWith('DEMO ')) {
        if (line.includes('result=OK')) {
          done();
        } else {
          fail(new Error(`The demo did not succeed: ${line}`));
        }
      }
    });
    lines.on('close', () => fail(new Error('The demo exited before its summary')));
  });
}

/** The running stack's properties file (`<data dir>/stack.properties`, written by `biotdm up` and `demo`). */
function readStackFile(dataDir: string): Record<string, string> {
  const text = readFileSync(join(dataDir, 'stack.properties'), 'utf8');
  return properties(text);
}

/** Reads a Java properties file of simple `key=value` lines (the form the cli writes; `\:` unescaped). */
export function properties(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line.includes('=') && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim().replace(/\\(.)/g, '$1')] as const;
    });
  return Object.fromEntries(entries);
}
