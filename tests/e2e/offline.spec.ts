// Offline use and updates (README, "Offline and security"): the service worker that the release
// build generates (tools/post-build.mjs) precaches every file, so after one visit the page opens
// with the network off; a new deployment is installed in the background and offered as a reload.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { test, expect } from './helpers';
import { allFigures, benefit, card, open, table } from './locators';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

/** Waits until a service worker controls the page (registered a few seconds after the load; its
 * files are then precached). */
async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);
}

const hours = (page: Page) =>
  benefit(card(page, 'Service desk workflow automation'), 1).getByLabel('Hours saved', { exact: true });

test('after a first visit the page opens offline from its sub-path, with its figures and charts', async ({ page, context }) => {
  await open(page);
  const online = await allFigures(page);
  expect(online.length).toBeGreaterThan(10);
  await controlled(page);

  await context.setOffline(true);
  try {
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/tools/caseboard/');
    await expect(page.getByTestId('app-ready')).toBeAttached({ timeout: 20_000 });
    await expect(table(page)).toBeVisible();
    expect(await allFigures(page)).toEqual(online);
    // A chart is drawn: the worker (its script and wasm) came from the cache too.
    await page.getByTestId('chart-value-by-driver').scrollIntoViewIfNeeded();
    await expect(page.locator('figure.drawn', { has: page.getByTestId('chart-value-by-driver') })).toHaveCount(1);
    // An edit recomputes offline.
    await hours(page).fill('300');
    await expect.poll(async () => (await allFigures(page)).join('|')).not.toBe(online.join('|'));
  } finally {
    await context.setOffline(false);
  }
});

test('the page can be installed: a manifest with icons, every one served', async ({ page, request }) => {
  await open(page);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  expect(href).toBe('manifest.webmanifest');
  const manifestUrl = new URL(href!, page.url());
  const manifest = await (await request.get(manifestUrl.href)).json();
  expect(manifest.start_url).toBe('./');
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const res = await request.get(new URL(icon.src, manifestUrl).href);
    expect(res.ok(), icon.src).toBe(true);
    expect(res.headers()['content-type']).toContain(icon.type);
    if (icon.type === 'image/png') {
      // PNG header: width and height as big-endian 32-bit at bytes 16 and 20.
      const b = await res.body();
      const [w, h] = icon.sizes.split('x').map(Number);
      expect([b.readUInt32BE(16), b.readUInt32BE(20)]).toEqual([w, h]);
    }
  }
});

// A deployment of its own (a copy of dist/ behind a second server), so that the test can put a
// new version in place. Plain Playwright `test`: the shared guards treat another port as foreign;
// console errors and page errors are checked here instead.
base('a new deployment is offered as a reload; reloading switches to it and keeps the draft', async ({ page }) => {
  const site = mkdtempSync(join(tmpdir(), 'caseboard-deploy-'));
  cpSync(process.env.DIST_DIR || 'dist', site, { recursive: true });
  let server: ChildProcess | undefined;
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    server = spawn('node', ['tools/serve-dist.mjs', '--dir', site, '--port', '0', '--base', '/tools/caseboard/'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      server!.stdout!.on('data', (d) => {
        const m = String(d).match(/at (http:\/\/\S+)/);
        if (m) resolve(m[1]);
      });
      server!.on('exit', (code) => reject(new Error(`server exited: ${code}`)));
    });

    await page.goto(url);
    await expect(table(page)).toBeVisible();
    await controlled(page);
    await expect(page.getByTestId('update-notice')).toHaveCount(0);

    // Deploy version 2: a changed index.html and a sw.js that lists its new revision.
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    writeFileSync(join(site, 'index.html'), html.replace('<title>', '<meta name=deployed content=v2><title>'));
    const sw = readFileSync(join(site, 'sw.js'), 'utf8');
    const rev = sw.match(/\{url:"index\.html",revision:"([0-9a-f]+)"\}/);
    expect(rev, 'sw.js lists index.html with a revision').not.toBeNull();
    writeFileSync(join(site, 'sw.js'), sw.replace(rev![0], '{url:"index.html",revision:"v2"}'));

    // The next visit still shows version 1 (from the cache) and finds version 2.
    await page.reload();
    await expect(table(page)).toBeVisible();
    const offer = page.getByTestId('update-notice');
    await expect(offer).toContainText('A new version of Caseboard is ready');
    await expect(page.locator('meta[name=deployed]')).toHaveCount(0);

    // An edit made just before pressing Reload survives the update.
    await hours(page).fill('321');
    await offer.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('meta[name=deployed]')).toHaveCount(1, { timeout: 15_000 });
    await expect(table(page)).toBeVisible();
    await expect(hours(page)).toHaveValue('321');
    await expect(page.getByTestId('update-notice')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    server?.kill();
    rmSync(site, { recursive: true, force: true });
  }
});
