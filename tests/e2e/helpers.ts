import { test as base, expect, type Page } from '@playwright/test';

/**
 * Shared fixture: every test that imports `test` from here automatically
 *  - fails if the page logs a console error or throws an uncaught exception;
 *  - fails if anything requests a URL whose origin differs from the app's
 *    origin (data: and blob: are allowed). Such requests are also aborted, so
 *    nothing ever leaves the machine and tests stay fast and deterministic.
 *
 * A test that expects a particular console error can opt out of it:
 *   test.use({ allowedConsoleErrors: [/expected message/] });
 */
export type Guards = {
  allowedConsoleErrors: RegExp[];
  pageGuards: void;
};

const ALLOWED_SCHEMES = new Set(['data:', 'blob:']);

export const test = base.extend<Guards>({
  allowedConsoleErrors: [[], { option: true }],

  pageGuards: [
    async ({ context, page, baseURL, allowedConsoleErrors }, use, testInfo) => {
      const appOrigin = new URL(baseURL ?? 'http://127.0.0.1:4173/').origin;
      const consoleErrors: string[] = [];
      const pageErrors: string[] = [];
      const foreignRequests: string[] = [];

      const isForeign = (raw: string): boolean => {
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          return true;
        }
        if (ALLOWED_SCHEMES.has(url.protocol)) return false;
        return url.origin !== appOrigin;
      };

      // Record every request of every page/worker in the context.
      context.on('request', (req) => {
        if (isForeign(req.url())) foreignRequests.push(`${req.method()} ${req.url()}`);
      });
      await context.route(
        (url) => isForeign(url.href),
        (route) => route.abort('blockedbyclient'),
      );

      const watch = (p: Page) => {
        p.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          const text = msg.text();
          if (allowedConsoleErrors.some((re) => re.test(text))) return;
          const loc = msg.location();
          const where = loc.url ? ` (${loc.url}:${loc.lineNumber}:${loc.columnNumber})` : '';
          consoleErrors.push(`${text}${where}`);
        });
        p.on('pageerror', (err) => pageErrors.push(err.stack || String(err)));
      };
      watch(page);
      context.on('page', (p) => p !== page && watch(p));

      await use();

      const problems = [
        ...consoleErrors.map((e) => `console error: ${e}`),
        ...pageErrors.map((e) => `page error: ${e}`),
        ...foreignRequests.map((r) => `cross-origin request (origin must be ${appOrigin}): ${r}`),
      ];
      if (problems.length) {
        await testInfo.attach('page-guard-problems', {
          body: problems.join('\n'),
          contentType: 'text/plain',
        });
      }
      expect(problems, 'no console errors, page errors or cross-origin requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Open the app (relative to baseURL, so the sub-path is exercised) and wait until the wasm app has mounted. */
export async function openApp(page: Page, path = './'): Promise<void> {
  const response = await page.goto(path);
  expect(response?.ok(), `GET ${path} -> ${response?.status()}`).toBe(true);
  await expect(page.getByTestId('app-ready')).toBeAttached({ timeout: 20_000 });
}
