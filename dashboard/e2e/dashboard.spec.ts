import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { properties } from './global-setup';

/** The dashboard's address and a person of each role, from the stack global-setup.ts started. */
function stack() {
  const dataDir = process.env.BIOTDM_E2E_DATA_DIR!;
  const credentials = properties(readFileSync(join(dataDir, 'credentials.properties'), 'utf8'));
  const person = (role: string) => ({
    username: credentials[`Org1MSP.${role}.username`]!,
    password: credentials[`Org1MSP.${role}.password`]!,
  });
  return { url: process.env.BIOTDM_E2E_API!, operator: person('operator'), admin: person('admin') };
}

async function signIn(page: Page, who: { username: string; password: string }) {
  await page.goto(`${stack().url}/`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
}

/** Fails on any serious or critical accessibility violation axe-core finds on the page as it is. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

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

test('an admin may suspend a device; signing out returns to sign-in', async ({ page }) => {
  await signIn(page, stack().admin);
  await page.getByRole('region', { name: 'Devices' }).getByRole('link').first().click();

  await expect(page.getByRole('button', { name: 'Suspend device' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
