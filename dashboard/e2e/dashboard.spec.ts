import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, stack, tokenOf } from './helpers';

test('a wrong password shows the catalogue code and keeps the username', async ({ page }) => {
  await page.goto(`${stack().url}/fleet`);
  await expectAccessible(page);
  await page.getByLabel('Username').fill(stack().operator.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toContainText('LOGIN_FAILED');
  await expect(page.getByLabel('Username')).toHaveValue(stack().operator.username);
});

test('the operator sees the demo fleet, opens a device and sees its charts', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });
  await signIn(page, stack().operator);

  const devices = page.getByRole('region', { name: 'Devices' }).getByRole('link');
  await expect(devices.first()).toBeVisible();
  expect(await devices.count()).toBeGreaterThanOrEqual(10);
  await expectAccessible(page);
  await page.screenshot({ path: 'target/e2e-results/fleet.png', fullPage: true });

  const first = (await devices.first().textContent())!;
  await devices.first().click();
  await expect(page.getByRole('heading', { name: `Device ${first}` })).toBeVisible();
  await expect(page.getByText('Identity and ledger record')).toBeVisible();
  const charts = page.locator('figure.chart');
  await expect(charts.first().locator('canvas')).toBeVisible();
  await expect(charts.first()).toContainText('readings in');
  await expect(page.getByRole('button', { name: 'Suspend device' })).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: 'target/e2e-results/device.png', fullPage: true });

  // A reload of a client-side route gets the page again from the gateway, under its Content-Security-Policy.
  const reload = await page.reload();
  expect(reload?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { name: `Device ${first}` })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the fleet shows counts and connectivity and sorts on the server by last activity', async ({ page }) => {
  await signIn(page, stack().operator);

  const counts = page.getByRole('list', { name: 'Fleet counts' });
  await expect(counts).toContainText('online');
  await expect(counts).toContainText('offline');
  await expect(page.getByRole('columnheader', { name: 'Connectivity' })).toBeVisible();
  await page.getByRole('button', { name: 'Last seen' }).click();

  await expect(page).toHaveURL(/sort=-lastSeenAt/);
  await expect(page.getByRole('columnheader', { name: /Last seen/ })).toHaveAttribute('aria-sort', 'descending');
  // The demo's devices were active: the most recent comes first, with a time (never-heard devices show a dash).
  const lastSeen = page.getByRole('region', { name: 'Devices' }).locator('tbody tr:not(.spacer)').first().locator('td');
  await expect(lastSeen.nth(3)).not.toHaveText('—');
});

test('a completed command shows its steps and receipt, and a new one appears live', async ({ page, request }) => {
  const token = await tokenOf(request, stack().operator);
  const headers = { Authorization: `Bearer ${token}` };
  const listed = await request.get(`${stack().url}/api/v1/commands?state=SUCCEEDED`, { headers });
  const done = ((await listed.json()) as { commands: { commandId: string; deviceId: string }[] }).commands[0]!;
  await signIn(page, stack().operator);
  await page.goto(`${stack().url}/devices/${done.deviceId}`);

  const completed = page.getByTestId(`command-${done.commandId}`);
  await expect(completed).toContainText('SUCCEEDED');
  await expect(completed.getByRole('list', { name: `Lifecycle of ${done.commandId}` })).toContainText('Delivered');
  await completed.getByText('Receipt signed by the device').click();
  await expect(completed).toContainText('Result SHA-256');
  await expect(page.getByRole('button', { name: 'Issue command' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Live' })).toBeVisible();
  await expectAccessible(page);

  // Issued behind the page's back: the page learns of it from /ws/events, without a reload.
  const commandId = `e2e-${Date.now()}`;
  const issued = await request.post(`${stack().url}/api/v1/commands`, {
    headers,
    data: { commandId, deviceId: done.deviceId, commandType: 'set-sampling-interval', parameters: { intervalMs: 5000 } },
  });
  expect(issued.status()).toBe(201);
  await expect(page.getByTestId(`command-${commandId}`)).toContainText(/ISSU/);
});

test('an admin may suspend a device; signing out returns to sign-in', async ({ page }) => {
  await signIn(page, stack().admin);
  await page.getByRole('region', { name: 'Devices' }).getByRole('link').first().click();

  await expect(page.getByRole('button', { name: 'Suspend device' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
