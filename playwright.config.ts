import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E } from './tests/e2e/env';
import { TOPOLOGY } from './tests/topology/env';

const debianChromium = '/usr/bin/chromium';
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: existsSync(debianChromium)
    ? { executablePath: debianChromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] }
    : {},
};

export default defineConfig({
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-GB',
  },
  projects: [
    // The journeys, against one production server (tests/e2e/serve.ts).
    // The demo users signed in once (tests/e2e/sessions.setup.ts), for `openAs`.
    { name: 'e2e-sessions', testDir: 'tests/e2e', testMatch: /sessions\.setup\.ts$/, use: { ...chromium, baseURL: E2E.appUrl } },
    { name: 'chromium', testDir: 'tests/e2e', dependencies: ['e2e-sessions'], use: { ...chromium, baseURL: E2E.appUrl } },
    // The scale-out proof, against `npm run topology` (tests/topology/serve.ts).
    { name: 'topology', testDir: 'tests/topology', use: { ...chromium, baseURL: TOPOLOGY.appUrl } },
  ],
  webServer: [
    {
      command: 'tsx --conditions=react-server tests/e2e/serve.ts',
      url: `${E2E.appUrl}/sign-in`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: 'tsx --conditions=react-server tests/topology/serve.ts',
      url: `${TOPOLOGY.appUrl}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
