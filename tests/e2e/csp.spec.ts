// The Content-Security-Policy of the built page (index.html's <meta>, completed by
// tools/post-build.mjs): in force, as strict as the README says, and never in the way of a flow.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './helpers';
import { benefit, card, cell, notice, open, table } from './locators';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

type Violation = { directive: string; blocked: string; sample: string };
declare global {
  interface Window {
    cspViolations: Violation[];
  }
}

/** Records every `securitypolicyviolation` of every page of the context, and CSP console messages. */
async function watchCsp(context: BrowserContext, messages: string[]) {
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  const listen = (p: Page) =>
    p.on('console', (m) => /Content.Security.Policy/i.test(m.text()) && messages.push(m.text()));
  context.pages().forEach(listen);
  context.on('page', listen);
}
const violations = (page: Page) => page.evaluate(() => window.cspViolations);

const hours = (page: Page) =>
  benefit(card(page, 'Service desk workflow automation'), 1).getByLabel('Hours saved', { exact: true });

test.describe('the policy', () => {
  // The refusals this test provokes print console errors by design.
  test.use({ allowedConsoleErrors: [/Content Security Policy/] });

test('allows nothing but this origin and is in force', async ({ page, context }) => {
  await watchCsp(context, []);
  await open(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = Object.fromEntries(
    policy!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(directives['base-uri']).toEqual(["'none'"]);
  expect(directives['form-action']).toEqual(["'none'"]);
  for (const [name, values] of Object.entries(directives) as [string, string[]][]) {
    expect(values, name).not.toContain("'unsafe-inline'");
    expect(values, name).not.toContain("'unsafe-eval'");
    expect(values.every((v) => v.startsWith("'")), `${name}: no host, scheme or wildcard`).toBe(true);
  }
  // Trunk's inline loader is allowed by its hash alone.
  expect(directives['script-src'].filter((v) => v.startsWith("'sha256-"))).toHaveLength(1);

  // In force: an injected inline script and code from text are refused; a style attribute in
  // markup is refused while styles set through the CSSOM (as Leptos and echarts set them) apply.
  const outcome = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true;';
    document.body.append(s);
    // Later, in a task of the page's own (DevTools' evaluation itself may compile code).
    const evalError = await new Promise<string>((resolve) =>
      setTimeout(() => {
        try {
          new Function('return 1')();
          resolve('');
        } catch (e) {
          resolve((e as Error).name);
        }
      }),
    );
    const a = document.createElement('div');
    a.setAttribute('style', 'width: 123px');
    const b = document.createElement('div');
    b.style.width = '77px';
    document.body.append(a, b);
    const out = {
      injected: (window as unknown as { injected?: boolean }).injected ?? false,
      evalError,
      attrWidth: getComputedStyle(a).width,
      cssomWidth: getComputedStyle(b).width,
    };
    a.remove();
    b.remove();
    return out;
  });
  expect(outcome.injected).toBe(false);
  expect(outcome.evalError).toBe('EvalError');
  expect(outcome.attrWidth).not.toBe('123px');
  expect(outcome.cssomWidth).toBe('77px');
  await expect
    .poll(async () => (await violations(page)).map((v) => v.directive).sort())
    .toEqual(['script-src', 'script-src-elem', 'style-src-attr']);
});
});

test('no CSP violation in any flow: edit, derivation, charts, simulation, files, links, print', async ({ page, context }) => {
  const messages: string[] = [];
  await watchCsp(context, messages);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  // The service worker registers (worker-src) and the page works under it.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);

  // Edit a figure; open a derivation.
  await hours(page).fill('300');
  await cell(page, 'npv', 0).click();
  await expect(table(page).locator('tr[data-row="npv"] td').first().locator('.derivation')).toBeVisible();

  // Every chart drawn (scrolling to each), with the axis formatters.
  for (const id of ['chart-value-by-driver', 'chart-cumulative', 'chart-value-effort', 'chart-scores']) {
    await page.getByTestId(id).scrollIntoViewIfNeeded();
    await expect(page.locator('figure.drawn', { has: page.getByTestId(id) })).toHaveCount(1);
    const labels = await page.getByTestId(id).evaluate((el) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const inst = (window as any).echarts.getInstanceByDom(el);
      return inst ? inst.getOption() !== undefined : false;
    });
    expect(labels).toBe(true);
  }

  // The functions the options name are plain functions that work: whole-number ticks, money
  // labels ($150,000 compact in en-US: "$150K"), a bubble's size from its data item's fourth value.
  const named = await page.getByTestId('chart-value-effort').evaluate((el) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const o = (window as any).echarts.getInstanceByDom(el).getOption();
    return {
      whole: [o.xAxis[0].axisLabel.formatter(3), o.xAxis[0].axisLabel.formatter(2.5)],
      money: o.yAxis[0].axisLabel.formatter(150000),
      size: o.series[0].symbolSize([1, 2, 3, 42]),
    };
  });
  expect(named).toEqual({ whole: ['3', ''], money: '$150K', size: 42 });

  // A simulation in the second worker.
  await hours(page).fill('250-350');
  await expect(page.getByTestId('sim-status')).toHaveText(/^10,000 trials, seed [\d,]+, .*: [\d,]+ ms\.$/, {
    timeout: 20_000,
  });

  // Export JSON and CSV (Blob, object URL, anchor click).
  const download = async (button: string) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
  };
  const json = await download('Export JSON');
  expect(JSON.parse(json.text).format).toBe('caseboard');
  const csv = await download('Export CSV');
  expect(csv.text.split('\n').length).toBeGreaterThan(5);

  // Import it back.
  await page.getByLabel('Import JSON…').setInputFiles({
    name: json.name,
    mimeType: 'application/json',
    buffer: Buffer.from(json.text),
  });
  await expect(notice(page)).toContainText(`Imported “${json.name}”`);

  // Copy link, then open it in another tab.
  await page.getByTestId('copy-link').click();
  await expect(notice(page)).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await open(other, link);
  await expect(hours(other)).toHaveValue('250 – 350');

  // Print (the app's button draws every chart first) and the print layout.
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', '1');
  });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', '1');
  await page.emulateMedia({ media: 'print' });
  expect((await page.pdf({ format: 'A4', landscape: true })).length).toBeGreaterThan(1000);
  await page.emulateMedia({ media: 'screen' });

  expect(await violations(page)).toEqual([]);
  expect(await violations(other)).toEqual([]);
  expect(messages).toEqual([]);
});
