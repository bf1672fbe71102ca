import { defineConfig } from '@playwright/test'

import { CHROMIUM_LAUNCH } from './tests/helpers/chromium.ts'

/**
 * End-to-end tests in Debian's Chromium against the built apps, which tests/e2e/global-setup.ts
 * starts on free ports with a fresh SQLite database and the demo catalogue.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
})
