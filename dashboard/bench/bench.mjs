// The dashboard's benchmark (a script, not a timed test): prints its figures with the machine's load.
//
//   node bench/bench.mjs                      initial JavaScript of target/dist, gzipped (budget 250 KB)
//   BIOTDM_E2E_DATA_DIR=DIR node bench/bench.mjs
//                                             also the fleet screen against the stack running with --data-dir DIR:
//                                             ms from navigation to the first table rows (budget 1 s), as the
//                                             operator of its credentials.properties, median of 5 runs
//   BIOTDM_BENCH_FLEET=50000 (with the above)  first registers devices bench-0, bench-1, … as the admin through
//                                             POST /api/v1/devices:batch (500 a request) until the fleet has that
//                                             many, printing the registration rate, then measures the fleet screen
//
// Run `npm run build` first. CHROMIUM=/path picks another browser than /usr/bin/chromium.
import { chromium } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '../target/dist');

/** Gzipped bytes of the scripts index.html loads at once (module scripts and module preloads). */
function initialJavaScript() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return sources.reduce((sum, path) => sum + gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length, 0);
}

function properties(text) {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('=') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim().replace(/\\(.)/g, '$1')]),
  );
}

/** Registers devices `bench-<n>` as the admin, 500 a request, until the organisation's fleet counts `size`. */
async function growFleet(dataDir, size) {
  const url = properties(readFileSync(join(dataDir, 'stack.properties'), 'utf8'))['api.url'];
  const credentials = properties(readFileSync(join(dataDir, 'credentials.properties'), 'utf8'));
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: credentials['Org1MSP.admin.username'], password: credentials['Org1MSP.admin.password'] }),
  });
  const headers = { Authorization: `Bearer ${(await login.json()).accessToken}`, 'Content-Type': 'application/json' };
  const counts = await (await fetch(`${url}/api/v1/devices:counts`, { headers })).json();
  const start = Date.now();
  let registered = 0;
  for (let next = counts.total ?? 0; next < size; next += 500) {
    const devices = Array.from({ length: Math.min(500, size - next) }, (_, i) => ({
      deviceId: `bench-${next + i}`, deviceType: 'sensor', model: 'Org1MSP/bench', firmwareVersion: '1.0.0', group: 'bench',
      claimTokenSha256: createHash('sha256').update(randomBytes(32)).digest('hex'),
    }));
    const answer = await fetch(`${url}/api/v1/devices:batch`, { method: 'POST', headers, body: JSON.stringify({ devices }) });
    if (!answer.ok) {
      throw new Error(`devices:batch answered ${answer.status}: ${await answer.text()}`);
    }
    registered += devices.length;
  }
  return { registered, seconds: (Date.now() - start) / 1000 };
}

async function fleetFirstRows(dataDir) {
  const url = properties(readFileSync(join(dataDir, 'stack.properties'), 'utf8'))['api.url'];
  const credentials = properties(readFileSync(join(dataDir, 'credentials.properties'), 'utf8'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/sign-in`);
    await page.getByLabel('Username').fill(credentials['Org1MSP.operator.username']);
    await page.getByLabel('Password').fill(credentials['Org1MSP.operator.password']);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    const times = [];
    for (let run = 0; run < 5; run++) {
      await page.goto(`${url}/`);
      const start = Date.now();
      await page.goto(`${url}/fleet?run=${run}`);
      await page.locator('table.devices tbody tr:not(.spacer)').first().waitFor();
      times.push(Date.now() - start);
    }
    const total = await page.getByRole('list', { name: 'Fleet counts' }).locator('li').first().textContent();
    return { median: times.sort((a, b) => a - b)[2], total: total?.trim() };
  } finally {
    await browser.close();
  }
}

const load = loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average (1, 5, 15 min): ${load}`);
console.log(`initial JavaScript, gzipped: ${(initialJavaScript() / 1024).toFixed(1)} KB (budget 250 KB)`);
if (process.env.BIOTDM_E2E_DATA_DIR && process.env.BIOTDM_BENCH_FLEET) {
  const grown = await growFleet(process.env.BIOTDM_E2E_DATA_DIR, Number(process.env.BIOTDM_BENCH_FLEET));
  console.log(`fleet grown by ${grown.registered} devices in ${grown.seconds.toFixed(1)} s through devices:batch`);
}
if (process.env.BIOTDM_E2E_DATA_DIR) {
  const fleet = await fleetFirstRows(process.env.BIOTDM_E2E_DATA_DIR);
  console.log(`fleet screen, first rows shown: ${fleet.median} ms median of 5 (${fleet.total}; budget 1000 ms)`);
}
