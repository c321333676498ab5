/**
 * The screens after fleet and device, each driven as its role would, against the stack global-setup.ts started: a
 * device registered in the browser provisions with the token shown there and completes a command live; a CSV import;
 * an alert acknowledged; a reading's proof checked in the browser, then MISMATCH after the reading is altered in
 * MariaDB; grants, users, the block browser and bootstrap. axe-core runs on every screen.
 */
import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startDevice } from './device';
import { apiGet, expectAccessible, localInput, signIn, stack, tokenOf } from './helpers';
import { alterReading } from './mariadb';

/** The demo's group: its operator holds a grant of `set-sampling-interval` on it. */
const DEMO_GROUP = 'demo';

/** The heading each screen opens with. */
const HEADINGS: Record<string, string> = {
  Fleet: 'Fleet', Register: 'Register devices', Commands: 'Commands', Alerts: 'Alerts', 'Alert rules': 'Alert rules',
  Verify: 'Verify telemetry', Audit: 'Audit', Grants: 'Grants', Users: 'Users', Firmware: 'Firmware', Groups: 'Groups',
  Automation: 'Automation', Configuration: 'Configuration',
};

/** Follows a navigation link and waits for its screen (loaded on first visit) to show. */
async function open(page: Page, screen: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: HEADINGS[screen], exact: true })).toBeVisible();
}

/** A screenshot of the page as shown (not the full scroll height), for the README. */
async function snap(page: Page, name: string) {
  await page.screenshot({ path: `target/e2e-results/${name}.png` });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

test('a device registered in the browser provisions with the token shown once, moves the live tail and completes a command live', async ({ page }) => {
  const deviceId = `e2e-${Date.now()}`;
  await signIn(page, stack().admin);
  await open(page, 'Register');
  for (const [label, value] of [['Device ID', deviceId], ['Type', 'sensor'], ['Model (<organisation>/<name>)', 'Org1MSP/mote'], ['Firmware version', '1.0.0'], ['Group', DEMO_GROUP]]) {
    await page.getByLabel(label!, { exact: true }).fill(value!);
  }
  await page.getByRole('button', { name: 'Register device' }).click();
  const token = (await page.getByTestId('claim-token').textContent())!;
  expect(token.length).toBeGreaterThanOrEqual(16);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Done, forget it' }).click();
  await expect(page.getByTestId('claim-token')).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(token);

  const device = startDevice(deviceId, token);
  try {
    await device.waitFor(/^PROVISIONED$/);
    await signOut(page);
    await signIn(page, stack().operator);
    await page.goto(`${stack().url}/devices/${deviceId}`);
    // Readings arrive each second over /ws/events: the count moves and the latest values show.
    await expect(page.getByTestId('live-count')).toContainText(/[1-9]\d* readings? received/);
    await expect(page.getByRole('table', { name: 'Latest value of each sensor' })).toContainText('humidity');

    await page.getByLabel('Command type').fill('set-sampling-interval');
    await page.getByLabel('Parameters (JSON)').fill('{"intervalMs":5000}');
    await page.getByRole('button', { name: 'Issue command' }).click();
    const command = page.locator('[data-testid^="command-ui-"]').first();
    await expect(command).toContainText('SUCCEEDED', { timeout: 90_000 });
    await expect(command.getByRole('list', { name: /^Lifecycle of/ })).toContainText('Delivered');
    await command.getByText('Receipt signed by the device').click();
    await expect(command).toContainText('Result SHA-256');
    await expectAccessible(page);
    await command.scrollIntoViewIfNeeded();
    await snap(page, 'command-succeeded');

    await open(page, 'Commands');
    await page.getByLabel('Device ID').fill(deviceId);
    await page.getByLabel('State').selectOption('SUCCEEDED');
    await expect(page.getByRole('region', { name: 'Command list' })).toContainText('set-sampling-interval');
    await expectAccessible(page);
  } finally {
    await device.stop();
  }
});

test('an admin imports devices from a CSV file and gets their claim tokens as one download, once', async ({ page }) => {
  const prefix = `e2e-batch-${Date.now()}`;
  const csv = ['deviceId,deviceType,model,firmwareVersion,group,site']
    .concat([1, 2, 3].map((i) => `${prefix}-${i},sensor,Org1MSP/mote,1.0.0,${DEMO_GROUP},"lab, room ${i}"`))
    .join('\n');
  await signIn(page, stack().admin);
  await open(page, 'Register');

  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Register 3 devices' }).click();
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText('Registered 3, already registered 0, refused 0');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download 3 claim tokens (once)' }).click();
  const tokens = readFileSync((await (await downloading).path())!, 'utf8').trim().split('\n');
  expect(tokens[0]).toBe('deviceId,claimToken');
  expect(tokens.slice(1).map((line) => line.split(',')[0])).toEqual([1, 2, 3].map((i) => `${prefix}-${i}`));
  await expect(page.getByRole('button', { name: /claim tokens/ })).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, 'register');

  await open(page, 'Fleet');
  await page.getByLabel('Device ID starts with').fill(prefix);
  await expect(page.getByRole('region', { name: 'Devices' }).getByRole('link')).toHaveCount(3);
});

test('an operator acknowledges an alert a labelled anomaly raised, sees the rules without changing them, and their own grants', async ({ page, request }) => {
  const token = await tokenOf(request, stack().operator);
  const open_ = await apiGet<{ items: { id: number }[] }>(request, token, '/api/v1/alerts?state=open');
  expect(open_.items.length, 'the demo raises alerts from its labelled anomalies').toBeGreaterThan(0);
  const alertId = open_.items[0]!.id;
  await signIn(page, stack().operator);
  await open(page, 'Alerts');

  await page.getByLabel(`Select alert ${alertId}`).check();
  await page.getByRole('button', { name: 'Acknowledge selected' }).click();
  await expect(page.getByTestId(`row-${alertId}`)).toContainText('acknowledged');
  await expect(page.getByTestId(`row-${alertId}`)).toContainText(stack().operator.username);
  await expectAccessible(page);
  await snap(page, 'alerts');

  await open(page, 'Alert rules');
  await expect(page.getByRole('region', { name: 'Rule list' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
  await expectAccessible(page);

  // The operator's own grants (GET /api/v1/grants:mine): the demo's grant on its group.
  await open(page, 'Grants');
  await expect(page.getByRole('region', { name: 'Grant list' })).toContainText(`group ${DEMO_GROUP}`);
  await expect(page.getByRole('button', { name: 'Grant' })).toHaveCount(0);
});

test('an auditor checks a proof in the browser, then sees MISMATCH on exactly the window of a reading altered in MariaDB', async ({ page, request }) => {
  const token = await tokenOf(request, stack().auditor);
  type Window = { windowId: string; status: string; leafCount: number; startTime: number; endTime: number; onChainRoot: string };
  const report = await apiGet<{ windows: Window[] }>(request, token, `/api/v1/verify?from=${Date.now() - 3_500_000}`);
  const window = report.windows.find((w) => w.status === 'MATCH' && w.leafCount > 0)!;
  const readings = await apiGet<{ readings: { readingId: number; reading: { deviceId: string } }[] }>(
    request, token, `/api/v1/windows/${window.windowId}/readings?limit=1`,
  );
  const { readingId, reading } = readings.readings[0]!;
  await signIn(page, stack().auditor);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' })).toHaveCount(0);
  await open(page, 'Verify');
  await page.getByLabel(/^Device ID/).fill(reading.deviceId);
  await page.getByLabel('From').fill(localInput(window.startTime - 60_000));
  await page.getByLabel(/^To/).fill(localInput(window.endTime + 60_000));
  await page.getByRole('button', { name: 'Verify' }).click();

  const row = page.getByTestId(`window-${window.windowId}`);
  await expect(row).toContainText('OK');
  // On a fresh stack none; a reused stack (BIOTDM_E2E_DATA_DIR) may hold windows altered by an earlier run.
  const mismatchedBefore = await page.locator('.verdict-mismatch').count();
  await row.getByRole('button', { name: window.windowId }).click();
  await page.getByRole('button', { name: `Check proof of ${readingId}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Checked in this browser' })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download proof (JSON)' }).click();
  const proof = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8')) as { root: string; readingId: number };
  expect(proof).toMatchObject({ root: window.onChainRoot, readingId });
  await expectAccessible(page);

  alterReading(stack().dataDir, readingId, '12345.6');
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(row).toContainText('MISMATCH');
  await expect(row).toContainText(`reading ${readingId} changed`);
  await expect(page.locator('.verdict-mismatch')).toHaveCount(mismatchedBefore + 1);
  await row.getByRole('button', { name: window.windowId }).click();
  await page.getByRole('button', { name: `Check proof of ${readingId}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'This proof does not hold' })).toBeVisible();
  await snap(page, 'verify-mismatch');
});

test('an admin sees grants, users and the block browser; a wrong bootstrap token is refused', async ({ page }) => {
  await signIn(page, stack().admin);
  await open(page, 'Grants');
  await expect(page.getByRole('region', { name: 'Grant list' })).toContainText(`group ${DEMO_GROUP}`);
  await expectAccessible(page);
  await open(page, 'Users');
  await expect(page.getByRole('region', { name: 'User list' })).toContainText(stack().operator.username);
  await expectAccessible(page);

  await open(page, 'Audit');
  const transactions = page.getByRole('region', { name: 'Transactions of the block' });
  await expect(transactions).toContainText('VALID');
  await transactions.getByRole('button').first().click();
  await expect(page.getByLabel('Transaction details')).toContainText('VALID');
  const shown = Number((await page.getByText(/^Block \d+$/).textContent())!.split(' ')[1]);
  await page.getByRole('button', { name: 'Previous block' }).click();
  await expect(page.getByText(`Block ${shown - 1}`, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'audit');

  await signOut(page);
  await page.getByRole('link', { name: 'First administrator of an organisation?' }).click();
  await page.getByLabel('Organisation (MSP ID)').fill('Org2MSP');
  await page.getByLabel('Bootstrap token').fill('not-the-one-time-token-of-org2');
  await page.getByLabel('Username').fill('org2-second-admin');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('BOOTSTRAP_TOKEN_INVALID');
  await expect(page.getByLabel('Bootstrap token')).toHaveValue('not-the-one-time-token-of-org2');
  await expectAccessible(page);
});

test('an admin creates a group, registers an automation rule on it and sets a desired configuration', async ({ page, request }) => {
  const token = await tokenOf(request, stack().admin);
  const deviceId = (await apiGet<{ items: { deviceId: string }[] }>(request, token, '/api/v1/devices?status=ACTIVE&pageSize=1')).items[0]!.deviceId;
  const group = `e2e-${Date.now()}`;
  await signIn(page, stack().admin);

  await open(page, 'Groups');
  const create = page.getByRole('form', { name: 'Create a group' });
  await create.getByLabel('Group ID').fill(group);
  await create.getByLabel('Command types').fill('set-sampling-interval');
  await create.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('button', { name: `Open ${group}` }).click();
  await expect(page.getByRole('heading', { name: `Group ${group}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Group list' })).toContainText('set-sampling-interval');
  await expectAccessible(page);
  await snap(page, 'groups');

  await open(page, 'Automation');
  await page.getByLabel('Rule ID').fill(`${group}-rule`);
  await page.getByLabel('Sensor').fill('temperature');
  await page.getByLabel('Threshold').fill('100');
  await page.getByLabel('Condition group').fill(group);
  await page.getByLabel('Command type').fill('set-sampling-interval');
  await page.getByLabel('Parameters (JSON)').fill('{"seconds":60}');
  await page.getByLabel('Action group').fill(group);
  await page.getByRole('button', { name: 'Register rule' }).click();
  await expect(page.getByRole('region', { name: 'Automation rules' })).toContainText(`temperature > 100 on group ${group}`);
  await expectAccessible(page);

  await open(page, 'Configuration');
  await page.getByLabel('Device ID').fill(deviceId);
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByLabel('Desired configuration (JSON)').fill('{"samplingIntervalSeconds": 30}');
  await page.getByRole('button', { name: 'Save desired configuration' }).click();
  await expect(page.getByRole('table', { name: 'Desired and reported configuration' })).toBeVisible();
  await expect(page.getByText(/^(DRIFT|IN SYNC)$/)).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'configuration');
});

test('an operator sees the firmware catalogue and campaigns with the campaign form, the admin the upload form', async ({ page }) => {
  await signIn(page, stack().operator);
  await open(page, 'Firmware');
  await expect(page.getByRole('region', { name: 'Firmware catalogue' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Start a campaign' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Upload firmware' })).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, stack().admin);
  await open(page, 'Firmware');
  await expect(page.getByRole('form', { name: 'Upload firmware' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Start a campaign' })).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, 'firmware');
});
