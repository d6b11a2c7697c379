// The same figures as before, checked: every figure of the comparison table, for every initiative,
// of the built-in example and of every saved fixture (tests/fixtures/saved/), against the
// independent oracle (oracle.ts) computed from the inputs — the example's as a user reads them,
// each fixture's from its JSON. What a refactor must not change.
import type { Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './helpers';
import { table, cell, notice, open } from './locators';
import {
  DEFAULTS,
  DEFAULT_CRITERIA,
  DRIVERS,
  EXAMPLE,
  figures,
  fromSaved,
  money,
  months,
  ordinal,
  percent,
  ranks,
  ratio,
  score,
  scoreText,
  type Scenario,
} from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const SAVED = path.join(__dirname, '..', 'fixtures', 'saved');
const FIXTURES = readdirSync(SAVED).filter((n) => n.endsWith('.json')).sort();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the page may show for `v`: the oracle's value formatted as the page formats it, or, where
 * the last shown digit could round either way, the value a hair (1e-9 relative) either side.
 */
function shown(v: number | null, format: (v: number) => string, missing: string): RegExp {
  if (v === null) return new RegExp(`^${escape(missing)}$`);
  const texts = new Set([format(v * (1 - 1e-9)), format(v), format(v * (1 + 1e-9))]);
  return new RegExp(`^(${[...texts].map(escape).join('|')})$`);
}

/** Every row the table shows, with what each initiative's cell must say. */
function expected(s: Scenario): { row: string; texts: RegExp[] }[] {
  const fs = s.initiatives.map((i) => figures(i, s.settings));
  const rows: { row: string; texts: RegExp[] }[] = [];
  const add = (row: string, f: (k: number) => RegExp) => rows.push({ row, texts: fs.map((_, k) => f(k)) });
  const perYear = (v: number) => `${money(v)}/yr`;
  DRIVERS.forEach((d, n) => {
    if (s.initiatives.some((i) => i.benefits.some((b) => b.kind === d))) add(`driver-${n}`, (k) => shown(fs[k].byDriver[n], perYear, ''));
  });
  add('annual', (k) => shown(fs[k].annual, perYear, ''));
  add('pv_benefits', (k) => shown(fs[k].pvBenefits, money, ''));
  add('pv_costs', (k) => shown(fs[k].pvCosts, money, ''));
  add('npv', (k) => shown(fs[k].npv, money, ''));
  add('roi', (k) => shown(fs[k].roi, percent, 'not defined'));
  add('irr', (k) => shown(fs[k].irr, percent, 'no IRR'));
  add('payback', (k) => shown(fs[k].payback, months, 'not within horizon'));
  add('bcr', (k) => shown(fs[k].bcr, ratio, 'not defined'));
  add('cost_of_delay', (k) => shown(fs[k].costOfDelay, money, '—'));
  add('score', (k) => shown(score(s.initiatives[k].scores ?? {}, s.criteria), scoreText, 'not defined'));
  const r = ranks(fs.map((f) => f.npv));
  add('rank', (k) => new RegExp(`^${ordinal(r[k])}$`));
  return rows;
}

async function checkTable(page: Page, s: Scenario) {
  // the columns stand in the order of the NPV ranking (ties: as entered), as the oracle ranks them
  const npv = s.initiatives.map((i) => figures(i, s.settings).npv);
  const r = ranks(npv);
  const order = s.initiatives.map((_, k) => k).sort((a, b) => r[a] - r[b] || a - b);
  await expect(table(page).locator('thead th .col-name')).toHaveText(order.map((k) => s.initiatives[k].name));
  const rows = expected(s);
  // no row the oracle does not check
  await expect(table(page).locator('tbody tr[data-row]')).toHaveCount(rows.length);
  expect(await table(page).locator('tbody tr[data-row]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')))).toEqual(
    rows.map((r) => r.row),
  );
  for (const { row, texts } of rows) {
    for (const [col, text] of texts.entries()) await expect(cell(page, row, col), `${row}, column ${col + 1}`).toHaveText(text);
  }
}

test('the built-in example: every figure of the comparison equals the oracle', async ({ page }) => {
  await open(page);
  await checkTable(page, { name: 'example', settings: DEFAULTS, criteria: DEFAULT_CRITERIA, initiatives: EXAMPLE });
  // the FTE of the first benefit is in its annual value's derivation: 200 × 12 × 80% ÷ 1,800
  await cell(page, 'driver-0', 0).click();
  const derivation = table(page).locator('tr[data-row="driver-0"] td[data-col="0"]').locator('ol.derivation');
  await expect(derivation).toContainText(`FTE equivalent`);
  await expect(derivation).toContainText(`= ${(200 * 12 * 0.8 / 1800).toFixed(2)} FTE`);
});

for (const file of FIXTURES) {
  test(`saved fixture ${file}: every figure of the comparison equals the oracle`, async ({ page }) => {
    const text = readFileSync(path.join(SAVED, file), 'utf8');
    const scenario = fromSaved(JSON.parse(text));
    await open(page);
    await page.getByLabel('Import JSON…').setInputFiles({ name: file, mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(notice(page)).toContainText(`Imported “${file}”`);
    await checkTable(page, scenario);
  });
}

test('the two oracles agree: oracle.ts and tools/gen_figure_fixtures.py on every saved fixture', () => {
  const python = JSON.parse(readFileSync(path.join(SAVED, '..', 'saved_figures.json'), 'utf8'));
  expect(python.fixtures.map((f: { file: string }) => f.file)).toEqual(FIXTURES);
  const near = (a: number | null, b: number | null) =>
    a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  for (const fixture of python.fixtures) {
    const s = fromSaved(JSON.parse(readFileSync(path.join(SAVED, fixture.file), 'utf8')));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    fixture.initiatives.forEach((p: any, k: number) => {
      const i = s.initiatives[k];
      const f = figures(i, s.settings);
      const pairs: [string, number | null, number | null][] = [
        ['annual', f.annual, p.annual_value],
        ['PV of benefits', f.pvBenefits, p.pv_benefits],
        ['PV of costs', f.pvCosts, p.pv_costs],
        ['NPV', f.npv, p.npv],
        ['ROI', f.roi, p.roi_pct],
        ['B/C', f.bcr, p.benefit_cost_ratio],
        ['IRR', f.irr, p.irr_pct],
        ['payback', f.payback, p.payback_months],
        ['cost of delay', f.costOfDelay, p.cost_of_delay],
        ['score', score(i.scores ?? {}, s.criteria), p.score],
        ...f.byDriver.map((v, d): [string, number, number] => [`driver ${d}`, v, p.annual_by_driver[d]]),
      ];
      for (const [what, ts, py] of pairs) expect(near(ts, py), `${fixture.file} ${p.id} ${what}: ${ts} vs ${py}`).toBe(true);
    });
  }
});
