import { defineConfig, devices } from '@playwright/test';
import type { PlatformQuirks } from './server/platform/quirks/vendor-quirks';
import { findChromium } from './scripts/find-chromium.mjs';

/**
 * End-to-end tests in real Chromium against the real gateway and the embedded platform, which
 * each worker starts in-process on loopback port 0 with a fresh database (e2e/fixtures.ts).
 */
const executablePath = findChromium() ?? undefined;

export default defineConfig<{ platformQuirks: PlatformQuirks }>({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    channel: undefined,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-gpu',
      ],
    },
  },
  projects: [
    { name: 'chromium' },
    {
      // The tests tagged @vendor (sign-in and its limits, the list, detail, commands, history, export and
      // alerts: each reads what a host sends) again, against an embedded platform that answers like a
      // vendor host (PLATFORM_QUIRKS=vendor). Tests of the page alone (axe, dialogs, sorting) run once.
      name: 'vendor',
      grep: /@vendor/,
      use: { platformQuirks: 'vendor' },
    },
  ],
});
