// Files: JSON export and import (file picker and drag and drop), CSV of the comparison.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect } from './helpers';
import { allFigures, benefit, card, cell, notice, open } from './locators';
import { EXAMPLE, figures, money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const hours = (page: Page) =>
  benefit(card(page, 'Service desk workflow automation'), 1).getByLabel('Hours saved', { exact: true });

async function downloadOf(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows[rows.length - 1].push(field); field = ''; }
    else if (c === '\r') continue;
    else if (c === '\n') { rows[rows.length - 1].push(field); field = ''; rows.push([]); }
    else field += c;
  }
  if (rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

test('export JSON, import it in a fresh browser by the file picker and by drag and drop: identical figures', async ({ page, browser }) => {
  await open(page);
  await hours(page).fill('320');
  await card(page, 'Sales portal high availability').getByLabel('Name', { exact: true }).fill('<img src=x onerror=alert(1)>');
  const { name, text } = await downloadOf(page, 'Export JSON');
  expect(name).toBe('fy27-it-investment-candidates.json');
  const file = JSON.parse(text);
  expect(file.format).toBe('caseboard');
  expect(file.version).toBe(5);
  expect(file.data.simulation).toEqual({ trials: 10000, seed: 1, distribution: 'pert' });
  expect(file.data.initiatives[1].name).toBe('<img src=x onerror=alert(1)>');
  const before = await allFigures(page);

  const fresh = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(fresh);
  await fresh.getByLabel('Import JSON…').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(notice(fresh)).toHaveText(`Imported “${name}” as a new draft.Dismiss`);
  expect(await allFigures(fresh)).toEqual(before);
  await expect(card(fresh, '<img src=x onerror=alert(1)>')).toBeVisible();
  expect(await fresh.locator('img[src=x]').count()).toBe(0);

  // drag and drop, onto the page, in another fresh browser
  const third = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(third);
  const drop = await third.evaluateHandle(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    return dt;
  }, [name, text]);
  await third.locator('main').dispatchEvent('drop', { dataTransfer: drop });
  await expect(notice(third)).toHaveText(/Imported “fy27-it-investment-candidates\.json” as a new draft/);
  expect(await allFigures(third)).toEqual(before);
  await fresh.context().close();
  await third.context().close();
});

test('import errors name the field and change nothing; a field that cannot be read opens with a note', async ({ page }) => {
  await open(page);
  const bad = JSON.stringify({ format: 'caseboard', version: 1, data: { name: 'X', initiatives: [{ id: 'a', name: 'A', one_time_cost: 'lots' }] } });
  const broken = JSON.stringify({ format: 'caseboard', version: 1, data: { name: 'X', initiatives: { a: 1 } } });
  await page.getByLabel('Import JSON…').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(notice(page)).toHaveText(/“broken\.json” could not be imported: .*initiatives: expected a list/);
  await page.getByLabel('Import JSON…').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(bad.slice(0, 30)) });
  await expect(notice(page)).toHaveText(/“cut\.json” could not be imported: .*line 1/);
  const newer = JSON.stringify({ format: 'caseboard', version: 99, data: {} });
  await page.getByLabel('Import JSON…').setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
  await expect(notice(page)).toHaveText(/newer/);
  await expect(cell(page, 'npv', 0)).toHaveText(money(figures(EXAMPLE[0]).npv));
  // One field that cannot be read: the file opens, with that field at its default, and says so.
  await page.getByLabel('Import JSON…').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(notice(page)).toContainText('Imported “bad.json” as a new draft');
  await expect(notice(page)).toContainText('data.initiatives[0].one_time_cost could not be read (expected a number or {"low": …, "likely": …, "high": …}, found the string "lots"); it is now 0, its default.');
  await expect(card(page, 'A')).toBeVisible();
});

test('export CSV: spreadsheet-ready figures that parse back to what is on screen', async ({ page }) => {
  await open(page);
  await card(page, 'Sales portal high availability').getByLabel('Name', { exact: true }).fill('=cmd|"/c calc"!A1, <b>portal</b>');
  const { name, text } = await downloadOf(page, 'Export CSV');
  expect(name).toBe('fy27-it-investment-candidates.csv');
  expect(text.charCodeAt(0)).toBe(0xfeff); // UTF-8 byte order mark, for Excel
  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual(['Figure', 'Unit', EXAMPLE[0].name, `'=cmd|"/c calc"!A1, <b>portal</b>`, EXAMPLE[2].name, EXAMPLE[3].name]);
  const npv = rows.find((r) => r[0] === 'NPV')!;
  expect(npv[1]).toBe('USD');
  EXAMPLE.forEach((init, k) => expect(Number(npv[2 + k])).toBeCloseTo(figures(init).npv, 6));
  const payback = rows.find((r) => r[0] === 'Payback')!;
  EXAMPLE.forEach((init, k) => expect(Number(payback[2 + k])).toBeCloseTo(figures(init).payback!, 6));
  // the comparison, then the yearly cash flows and the assumptions, after an empty row each
  const blank = (r: string[]) => r.length === 1 && r[0] === '';
  const end = rows.findIndex(blank);
  expect(rows.slice(0, end).every((r) => r.length === 6)).toBe(true);
  expect(rows[end + 1]).toEqual(['Yearly cash flows']);
  EXAMPLE.forEach((init, k) => {
    const name = k === 1 ? `'=cmd|"/c calc"!A1, <b>portal</b>` : init.name;
    const net = rows.find((r) => r[0] === name && r[1] === 'Net cash flow')!;
    // its present value is the NPV, as the oracle computes it
    expect(Number(net[net.length - 1])).toBeCloseTo(figures(init).npv, 4);
  });
  const assumptions = rows.findIndex((r) => r[0] === 'Assumptions');
  expect(rows[assumptions + 1]).toEqual(['Initiative', 'Benefit', 'Input', 'Unit', 'Likely', 'Low', 'High', 'Entered or default', 'Source']);
  const hours = rows.find((r) => r[0] === EXAMPLE[0].name && r[1].startsWith('Benefit 1') && r[2] === 'Hours saved')!;
  const first = EXAMPLE[0].benefits[0];
  expect(Number(hours[4])).toBe(first.kind === 'hours' ? first.hours : NaN);
  expect(hours[7]).toBe('entered');
  // no float noise: at most 12 significant digits in any number
  for (const r of rows) for (const c of r) if (/^-?\d/.test(c)) expect(c.replace(/[^0-9]/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(12);
});

test('with ranges the CSV has the simulated rows of the run on screen', async ({ page }) => {
  await open(page);
  await card(page, EXAMPLE[0].name).getByLabel('One-time cost', { exact: true }).fill('60000-120000');
  await expect(page.getByTestId('sim-status')).toContainText('10,000 trials');
  const { text } = await downloadOf(page, 'Export CSV');
  const rows = parseCsv(text.slice(1));
  const row = (label: string) => rows.find((r) => r[0] === `${label} (simulated, 10000 trials)`)!;
  // "$124K · $139K · $154K": compact money, three significant digits
  const compact = (t: string) => {
    const m = t.match(/-?\$([\d.]+)([KM]?)/)!;
    return Number(m[1]) * (m[2] === 'M' ? 1e6 : m[2] === 'K' ? 1e3 : 1) * (t.trim().startsWith('-') ? -1 : 1);
  };
  for (const k of EXAMPLE.keys()) {
    const shown = (await cell(page, 'sim_npv', k).innerText()).split('·').map(compact);
    const csv = ['NPV P10', 'NPV P50', 'NPV P90'].map((l) => Number(row(l)[2 + k]));
    csv.forEach((v, j) => expect(Math.abs(v - shown[j])).toBeLessThanOrEqual(Math.abs(shown[j]) * 0.005 + 1));
    // the chance of a loss, as the screen rounds it
    const loss = (await cell(page, 'sim_loss', k).innerText()).replace('%', '');
    expect(Number(row('Chance of a loss')[2 + k])).toBeCloseTo(Number(loss), 0);
  }
});
