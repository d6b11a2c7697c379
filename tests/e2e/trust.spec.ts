// Trust (issue 13): figures always belong to the document on screen; nothing typed is lost or
// silently misread; links pasted into an open tab open; storage faults are said.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect } from './helpers';
import { allFigures, benefit, card, cell, messageOf, notice, open, table } from './locators';
import { EXAMPLE, figures, money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const hours = (page: Page) =>
  benefit(card(page, 'Service desk workflow automation'), 1).getByLabel('Hours saved', { exact: true });

/** A saved file of one initiative: one-time cost 1,000, cost avoided 600 a year, no delivery. */
function savedFile(over: Record<string, unknown> = {}, initiative: Record<string, unknown> = {}) {
  return JSON.stringify({
    format: 'caseboard',
    version: 2,
    data: {
      name: 'Imported case',
      horizon_years: 2,
      discount_rate_pct: 0,
      criteria: [],
      initiatives: [
        {
          id: 'lic',
          name: 'Licence consolidation',
          one_time_cost: 1000,
          annual_running_cost: 0,
          delivery_months: 0,
          ramp_up_months: 0,
          benefits: [{ label: 'Licences', kind: 'cost_avoided', amount_per_year: 600 }],
          ...initiative,
        },
      ],
      ...over,
    },
  });
}

async function importText(page: Page, name: string, text: string) {
  await page.getByLabel('Import JSON…').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function downloadOf(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await download.path())!, 'utf8');
}

async function storedDrafts(page: Page): Promise<{ name: string; data: any }[]> {
  return page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('caseboard.drafts') || '[]');
    return index.map((e: { id: string; name: string }) => ({
      name: e.name,
      data: JSON.parse(localStorage.getItem(`caseboard.draft.${e.id}`) || 'null')?.data,
    }));
  });
}

test('a file with a broken rule opens with its problems and none of the previous scenario’s figures', async ({ page }) => {
  await open(page);
  const exampleNpv = money(figures(EXAMPLE[0]).npv);
  await expect(cell(page, 'npv', 0)).toHaveText(exampleNpv);

  await importText(page, 'eleven.json', savedFile({ horizon_years: 11 }));
  await expect(notice(page)).toContainText('Imported “eleven.json” as a new draft with 1 problem');
  await expect(notice(page)).toContainText('horizon');
  await expect(page.locator('.scenario-name')).toHaveText('Imported case');
  const banner = page.getByTestId('stale-banner');
  await expect(banner).toContainText('No figures yet');
  await expect(banner).not.toContainText('last valid');
  // Not one of the example's figures is left on the page.
  await expect(table(page)).toHaveCount(0);
  await expect(page.getByText(exampleNpv)).toHaveCount(0);
  // CSV says why it cannot; JSON keeps everything as it is.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(notice(page)).toContainText('cannot be exported while an input has a problem');
  const saved = JSON.parse(await downloadOf(page, 'Export JSON'));
  expect(saved.data.horizon_years).toBe(11);

  // Fixed: its own figures (hand arithmetic: 600 a year for 2 years at 0% minus 1,000 = 200).
  await page.getByLabel('Horizon', { exact: true }).fill('2');
  await expect(cell(page, 'npv', 0)).toHaveText(money(200));
  // Broken again: now "last valid" means this document's own figures.
  await page.getByLabel('Horizon', { exact: true }).fill('12');
  await expect(banner).toContainText("this scenario's last valid ones");
  await expect(cell(page, 'npv', 0)).toHaveText(money(200));
});

test('a link pasted into the address bar of an open tab opens as a new draft; the open draft keeps its edits', async ({ page, browser }) => {
  // A link made elsewhere.
  const other = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(other);
  await importText(other, 'linked.json', savedFile({ name: 'From a colleague' }));
  await expect(other.locator('.scenario-name')).toHaveText('From a colleague');
  await expect.poll(() => new URL(other.url()).hash).toMatch(/^#c6\./);
  const link = new URL(other.url()).hash;

  await open(page);
  await hours(page).fill('333');
  await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
  // Pasting into the address bar of this tab: a same-document navigation to the new fragment.
  await page.evaluate((hash) => { location.hash = hash; }, link);
  await expect(notice(page)).toContainText('Opened the scenario from the link, as a new draft');
  await expect(page.locator('.scenario-name')).toHaveText('From a colleague');
  await expect(cell(page, 'npv', 0)).toHaveText(money(200 + 0 /* horizon 2, 0% */));
  await expect.poll(async () => (await storedDrafts(page)).map((d) => d.name).sort()).toEqual([
    'FY27 IT investment candidates',
    'From a colleague',
  ]);
  const mine = (await storedDrafts(page)).find((d) => d.name === 'FY27 IT investment candidates');
  expect(mine!.data.initiatives[0].benefits[0].hours).toBe(333);
});

for (const how of ['navigating away', 'closing the tab'] as const) {
  test(`a keystroke right before ${how} is kept`, async ({ context }) => {
    const page = await context.newPage();
    await open(page);
    await hours(page).fill('271');
    // At once: the half-second save timer has not fired.
    if (how === 'closing the tab') await page.close({ runBeforeUnload: true });
    else await page.goto('about:blank');
    const again = await context.newPage();
    await open(again);
    await expect(hours(again)).toHaveValue('271');
    const example = figures(EXAMPLE[0]);
    await expect(cell(again, 'npv', 0)).not.toHaveText(money(example.npv));
    const drafts = await storedDrafts(again);
    expect(drafts).toHaveLength(1);
    expect(drafts[0].data.initiatives[0].benefits[0].hours).toBe(271);
    expect(await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('caseboard.pending.')))).toEqual([]);
  });
}

test('numbers that could be misread are refused with their fix; trials say the most there can be', async ({ page }) => {
  await open(page);
  const before = await allFigures(page);
  await hours(page).fill('1.000,50');
  await expect(messageOf(hours(page))).toContainText('type 1000.50');
  expect(await allFigures(page)).toEqual(before);
  await hours(page).fill('1,000.5');
  await expect(messageOf(hours(page))).toHaveText('');
  const trials = page.getByLabel('Trials', { exact: true });
  await trials.fill('1e12');
  await expect(messageOf(trials)).toContainText('at most 1,000,000');
});

test('storage that cannot be read is said, and a damaged drafts list is rebuilt and said', async ({ page, context }) => {
  await open(page);
  await hours(page).fill('305');
  await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
  await page.evaluate(() => localStorage.setItem('caseboard.drafts', '{not a list'));
  await page.reload();
  await expect(notice(page)).toContainText('was damaged, so it was rebuilt from the drafts stored: 1 draft was found');
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('caseboard.aside.index.')).map((k) => localStorage.getItem(k)),
  );
  expect(kept).toEqual(['{not a list']);
  await page.getByText(/^Drafts \(1\)$/).click();
  await expect(page.getByLabel('Name of draft Recovered draft')).toBeVisible();

  const reader = await context.newPage();
  await reader.addInitScript(() => {
    Storage.prototype.getItem = function () {
      throw new DOMException('read failed', 'UnknownError');
    };
  });
  await open(reader);
  await expect(notice(reader)).toContainText('read failed');
});

test('dependencies: the list opens on demand and the summary names the choice', async ({ page }) => {
  await open(page);
  const c = card(page, 'Service desk workflow automation');
  const deps = c.locator('.deps');
  await expect(deps.locator('summary')).toHaveText('Depends on: nothing');
  await expect(deps.locator('input[type=checkbox]')).toHaveCount(0);
  await deps.locator('summary').click();
  await expect(deps.locator('input[type=checkbox]')).toHaveCount(EXAMPLE.length - 1);
  await deps.getByLabel('Sales portal high availability').check();
  await expect(deps.locator('summary')).toHaveText('Depends on: Sales portal high availability');
});

test('a long name without spaces wraps within the page', async ({ page }) => {
  await open(page);
  const long = 'W'.repeat(200);
  await importText(page, 'long.json', savedFile({ name: long }, { name: long }));
  await expect(page.locator('.scenario-name')).toHaveText(long);
  // Charts (legends) and the yearly table come into view.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // (The portfolio's charts stay hidden: this file sets no budget or team.)
  await expect(page.locator('.chart-figure:not([hidden]) .chart-legend li').first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
});

test('storage full: the user’s own changes come before a draft opened from a link and never changed', async ({ page, browser }) => {
  // A quota the test sets: a write that would take the stored text above it fails as a full
  // storage does.
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      const quota = (window as any).__quota as number | undefined;
      if (quota !== undefined) {
        let total = 0;
        for (let i = 0; i < this.length; i++) {
          const k = this.key(i)!;
          if (k !== key) total += k.length + (this.getItem(k) || '').length;
        }
        if (total + key.length + value.length > quota) throw new DOMException('quota', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  const other = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(other);
  await importText(other, 'linked.json', savedFile({ name: 'Sent to me' }));
  await expect.poll(() => new URL(other.url()).hash).toMatch(/^#c6\./);
  const link = new URL(other.url()).hash;

  await open(page);
  await hours(page).fill('290');
  await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
  await page.evaluate((hash) => { location.hash = hash; }, link);
  await expect.poll(async () => (await storedDrafts(page)).length).toBe(2);
  await page.getByText(/^Drafts \(2\)$/).click();
  await page.locator('li.draft', { has: page.getByLabel('Name of draft FY27 IT investment candidates') })
    .getByRole('button', { name: 'Open' }).click();
  await expect(hours(page)).toHaveValue('290');
  // The address bar settled on the link of the draft on screen (written a moment after it
  // opened, and remembered as this browser's own): what is stored now is what stays.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('caseboard.link') === location.hash.slice(1)))
    .toBe(true);
  // No room left for anything more.
  await page.evaluate(() => {
    let total = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      total += k.length + (localStorage.getItem(k) || '').length;
    }
    (window as any).__quota = total + 10;
  });
  // Notes far longer than the ones they replace (119 characters), so the draft grows by far more
  // than the address's link can shrink as its compression changes.
  const note = 'Measured in the Q3 ticket export; '.repeat(30);
  const notes = card(page, 'Service desk workflow automation').getByLabel('Notes', { exact: true });
  await notes.fill(note);
  await expect(notice(page)).toContainText('removed a draft opened from a link and never changed');
  await expect(notice(page)).toContainText('“Sent to me”');
  await expect.poll(async () => (await storedDrafts(page)).map((d) => d.name)).toEqual(['FY27 IT investment candidates']);
  const [mine] = await storedDrafts(page);
  expect(mine.data.initiatives[0].notes).toBe(note);
});

test('a worker that stops is restarted: the failed run is named for what it was, saving and the simulation go on', async ({ page }) => {
  // Every worker the page starts, so the test can make them fail as a crash would (a wasm trap
  // reaches the page as an `error` event on the worker).
  await page.addInitScript(() => {
    const Original = window.Worker;
    (window as any).__workers = [];
    (window as any).Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        (window as any).__workers.push(this);
      }
    };
  });
  await open(page);
  const status = page.getByTestId('sim-status');
  await hours(page).fill('150-250');
  await expect(status).toHaveText(/^10,000 trials, seed 1, PERT: [\d,]+ ms\.$/, { timeout: 20_000 });
  // Both workers have started (a draft saved, a run done): what follows is a crash, not a
  // worker that could not load.
  await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
  // A long run (the most trials there are), and while it runs every worker stops.
  await page.getByLabel('Trials', { exact: true }).fill('1000000');
  await expect(status).toContainText('Simulating…', { timeout: 20_000 });
  const stopped = await page.evaluate(() => {
    const workers = (window as any).__workers as Worker[];
    for (const w of workers) {
      w.terminate();
      w.dispatchEvent(new ErrorEvent('error', { message: 'RuntimeError: unreachable' }));
    }
    return workers.length;
  });
  expect(stopped).toBe(2);
  await expect(status).toHaveText(
    'The simulation failed: it stopped unexpectedly (RuntimeError: unreachable), most likely out of memory; the other figures are unaffected, and the next edit runs it again',
  );
  // Nothing says the code could not be loaded.
  await expect(page.getByText('could not be loaded')).toHaveCount(0);
  // Saving, links and the simulation work again.
  await page.getByLabel('Trials', { exact: true }).fill('2000');
  await expect(status).toHaveText(/^2,000 trials, seed 1, PERT: [\d,]+ ms\.$/, { timeout: 20_000 });
  await expect.poll(async () => (await storedDrafts(page))[0]?.data.simulation.trials).toBe(2000);
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c6\./);
  expect(await page.evaluate(() => (window as any).__workers.length)).toBe(4);
});

test('a file with duplicate or empty ids opens with every initiative and says what it changed', async ({ page }) => {
  await open(page);
  const initiatives = [
    { id: 'x', name: 'First', one_time_cost: 100, benefits: [] },
    { id: 'x', name: 'Second', one_time_cost: 200, benefits: [] },
    { id: '', name: 'Third', one_time_cost: 300, benefits: [], depends_on: ['x'] },
  ];
  await importText(page, 'clash.json', JSON.stringify({ format: 'caseboard', version: 2, data: { name: 'Clash', criteria: [], initiatives } }));
  await expect(notice(page)).toContainText('Imported “clash.json” as a new draft.');
  await expect(notice(page)).toContainText('The initiative “Second” had the id “x” of an earlier initiative; it now has “x-2”.');
  await expect(notice(page)).toContainText('The initiative “Third” had no id; it now has “initiative-1”.');
  await expect(page.getByTestId('initiative-card')).toHaveCount(3);
  for (const name of ['First', 'Second', 'Third']) await expect(card(page, name)).toBeVisible();
  // No problem about ids is left; the dependency stays with the first "x".
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  await expect(card(page, 'Third').locator('.deps summary')).toHaveText('Depends on: First');
  // Three columns of figures: PV of costs 100, 200, 300.
  for (const [k, v] of [100, 200, 300].entries()) await expect(cell(page, 'pv_costs', k)).toHaveText(money(v));
});

test('a link or file over a limit says which limit, at once, and changes nothing', async ({ page }) => {
  await open(page);
  const before = await allFigures(page);
  // The 1,257-character link: 300,000 empty initiatives (a deflated positional form).
  const { deflateSync } = await import('node:zlib');
  const form = JSON.stringify(['x', Array.from({ length: 300_000 }, () => [])]);
  const link = `#c2.${deflateSync(Buffer.from(form), { level: 9 }).toString('base64url')}`;
  expect(link.length).toBeLessThan(2_000);
  await page.evaluate((hash) => { location.hash = hash; }, link);
  await expect(notice(page)).toContainText("This link is over Caseboard's limits: initiatives: holds 300,000 initiatives; Caseboard opens at most 200");
  await expect(notice(page)).toContainText('What was on screen is still here');
  expect(await allFigures(page)).toEqual(before);
  // A 9 MB file: refused before it is read.
  const huge = Buffer.alloc(9 << 20, 0x20);
  await page.getByLabel('Import JSON…').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: huge });
  await expect(notice(page)).toHaveText('“huge.json” could not be imported: it is 9 MB; Caseboard opens files up to 8 MB.Dismiss');
  expect(await allFigures(page)).toEqual(before);
});
