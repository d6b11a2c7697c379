import { defineConfig, devices } from '@playwright/test';

// E2E tests run against the release build in dist/ (never `trunk serve`),
// served under the production sub-path by tools/serve-dist.mjs.
// DIST_DIR overrides the directory served (default: dist).
// Browser: Debian's /usr/bin/chromium. Never run `npx playwright install`.

// E2E_PORT lets two runs (say, two worktrees) serve side by side.
const PORT = Number(process.env.E2E_PORT || 4173);
const BASE_PATH = '/tools/caseboard/';
const BASE_URL = `http://127.0.0.1:${PORT}${BASE_PATH}`;
const DIST_DIR = process.env.DIST_DIR || 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  // perf.spec.ts measures and asserts nothing: it runs in scripts/bench.sh (BENCH=1), not in the
  // test count.
  testIgnore: process.env.BENCH ? [] : ['**/perf.spec.ts'],
  fullyParallel: false,
  workers: 1, // 2-core machine
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // devices[] sets channel/defaultBrowserType only; keep our executable.
        browserName: 'chromium',
      },
    },
  ],
  webServer: {
    command: `node tools/serve-dist.mjs --dir ${JSON.stringify(DIST_DIR)} --port ${PORT} --base ${BASE_PATH}`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 15_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
