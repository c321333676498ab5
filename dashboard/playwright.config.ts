import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in a real browser: the machine's Chromium (Debian's `chromium` package; no browser download)
 * against a whole stack that e2e/global-setup.ts starts with `scripts/biotdm demo` on free ports. Set
 * BIOTDM_E2E_DATA_DIR to the data directory of a stack already running (`scripts/biotdm demo --data-dir DIR`) to
 * use it instead.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'target/e2e-results',
  globalSetup: './e2e/global-setup.ts',
  // The stack's start and the demo's replay take minutes on a busy machine; each test then takes seconds.
  globalTimeout: 25 * 60_000,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // CI runs as root, where Chromium's sandbox cannot start.
      args: ['--no-sandbox'],
    },
    screenshot: 'only-on-failure',
  },
});
