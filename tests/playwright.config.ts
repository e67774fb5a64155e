import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { chromiumPath, LAUNCH_ARGS } from './e2e/browser.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const PORT = Number(process.env.E2E_PORT ?? 4399);
const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';

export default defineConfig({
  testDir: 'e2e',
  outputDir: '../test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE}`,
    browserName: 'chromium',
    timezoneId: 'America/Los_Angeles',
    locale: 'en-GB',
    launchOptions: { executablePath: chromiumPath(), args: LAUNCH_ARGS },
  },
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}${BASE}`,
    cwd: root,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
