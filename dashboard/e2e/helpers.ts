/** What the end-to-end tests share: the stack global-setup.ts started, signing in, and the accessibility check. */
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { properties } from './global-setup';

export interface Person {
  username: string;
  password: string;
}

/** The dashboard's address, its data directory and a person of each role of Org1MSP. */
export function stack() {
  const dataDir = process.env.BIOTDM_E2E_DATA_DIR!;
  const credentials = properties(readFileSync(join(dataDir, 'credentials.properties'), 'utf8'));
  const person = (role: string): Person => ({
    username: credentials[`Org1MSP.${role}.username`]!,
    password: credentials[`Org1MSP.${role}.password`]!,
  });
  return {
    url: process.env.BIOTDM_E2E_API!,
    dataDir,
    operator: person('operator'),
    admin: person('admin'),
    auditor: person('auditor'),
  };
}

/** Signs in through the sign-in screen and waits for the fleet. */
export async function signIn(page: Page, who: Person) {
  await page.goto(`${stack().url}/`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
}

/** Fails on any serious or critical accessibility violation axe-core finds on the page as it is. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Signs in over the API, for what a test sets up or looks up behind the page's back. */
export async function tokenOf(request: APIRequestContext, who: Person): Promise<string> {
  const answer = await request.post(`${stack().url}/api/v1/auth/login`, { data: who });
  expect(answer.ok()).toBe(true);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

/** A GET of the API as a person, its JSON body. */
export async function apiGet<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const answer = await request.get(`${stack().url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(answer.ok(), `${path}: ${answer.status()} ${await answer.text()}`).toBe(true);
  return (await answer.json()) as T;
}

/** `datetime-local` text for a moment, in the browser's (and this machine's) time zone. */
export function localInput(epochMs: number): string {
  return new Date(epochMs - new Date(epochMs).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
