import { defineConfig } from '@playwright/test';
import { admin, e2eOrigin, e2eOutboxDir, e2ePort } from './test/e2e/constants.js';

// Run with `npm run test:e2e`: it builds Meridian, starts it on an empty database and drives Debian's
// Chromium (`apt-get install -y chromium`; never `npx playwright install`, which downloads a browser).
export default defineConfig({
  testDir: './test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The test machine is shared and busy: give pages and the one-connection database room.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: e2eOrigin,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Builds first so a run always tests the current code, not a stale dist/; E2E_SKIP_BUILD=1 reuses the
    // build a CI step has just made.
    command: `${process.env.E2E_SKIP_BUILD === '1' ? '' : 'npm run build && '}node --import tsx test/e2e/serve.ts`,
    url: `${e2eOrigin}/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(e2ePort),
      HOST: '127.0.0.1',
      MERIDIAN_ADMIN_EMAIL: admin.email,
      MERIDIAN_ADMIN_PASSWORD: admin.password,
      MERIDIAN_DEMO_DATA: '0',
      MERIDIAN_MAIL_OUTBOX_DIR: e2eOutboxDir,
      LOG_LEVEL: 'warn',
      // Every test signs in as the same admin from one address, far faster than people do; the limits
      // themselves are tested in test/platform/http-errors.int.test.ts.
      RATE_LIMIT_IP_PER_MINUTE: '20000',
      RATE_LIMIT_USER_PER_MINUTE: '20000',
    },
  },
});
