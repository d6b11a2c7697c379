import { test, expect } from './helpers';
import type { Locator, Page } from '@playwright/test';
import { card, cell, messageOf, open } from './locators';

// Issue 18 as a user meets it: estimates that move together (presets, a group of one's own, a
// value out of bounds, an estimate left out, a set that cannot hold and its repair), the NPV's
// whole distribution with the chance of exceeding an amount, and the loss exceedance curve with
// a risk tolerance. Expected values by hand, written here.
test.use({ locale: 'en-US' });

const DESK = 'Service desk workflow automation';
const PORTAL = 'Sales portal high availability';
const MFA = 'MFA and immutable backups';
const MONITORING = 'Consolidate monitoring tools';
const status = (page: Page) => page.getByTestId('sim-status');
const groups = (page: Page) => page.getByTestId('correlations').getByRole('group', { name: /^Correlation / });

async function simulated(page: Page) {
  await expect(status(page)).toHaveText(/^10,000 trials, seed [\d,]+, .*: [\d,]+ ms\.$/, { timeout: 20_000 });
}

/** Types ranges into the one-time costs of the example's first, second and fourth initiatives. */
async function rangedCosts(page: Page) {
  await card(page, DESK).getByLabel('One-time cost').fill('70000-85000-120000');
  await card(page, PORTAL).getByLabel('One-time cost').fill('200000-260000-400000');
  await card(page, MONITORING).getByLabel('One-time cost').fill('30000-40000-70000');
}

/** The report's row for a correlation: [name, estimates, asked, used, reached]. */
async function reportRow(page: Page, name: string): Promise<string[]> {
  const row = page.getByTestId('correlation-report').locator('tr', { hasText: name });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  return row.locator('th, td').allInnerTexts();
}

async function addTo(group: Locator, label: string) {
  await group.getByLabel('Add an estimate').selectOption({ label });
}

test('costs that overrun together: a preset, what the draws reached, a bad value and an estimate left out', async ({ page }) => {
  await open(page);
  const corr = page.getByTestId('correlations');
  // Nothing ranged yet: the preset says why it adds nothing.
  await corr.getByRole('button', { name: 'Costs overrun together' }).click();
  await expect(page.getByTestId('correlation-said')).toContainText('Fewer than two such estimates are ranges');
  await expect(groups(page)).toHaveCount(0);

  await rangedCosts(page);
  await corr.getByRole('button', { name: 'Costs overrun together' }).click();
  await expect(groups(page)).toHaveCount(1);
  const g = groups(page).first();
  await expect(g.getByLabel('Group', { exact: true })).toHaveValue('Costs overrun together');
  await expect(g.getByLabel('Rank correlation')).toHaveValue('0.5');
  await expect(g.getByTestId('members').locator('li')).toHaveText([
    /Service desk workflow automation: one-time cost/,
    /Sales portal high availability: one-time cost/,
    /Consolidate monitoring tools: one-time cost/,
  ]);
  await simulated(page);
  // Asked 0.50 for each of the 3 pairs; the draws reach it within sampling error.
  const row = await reportRow(page, 'Costs overrun together');
  expect(row.slice(0, 4)).toEqual(['Costs overrun together', '3 ranged', '0.50', '0.50']);
  for (const r of row[4].split(' to ')) expect(Math.abs(Number(r) - 0.5)).toBeLessThanOrEqual(0.02);

  // A rank correlation of 1.5 is refused beside the field (the figures on screen stay the last
  // valid ones, marked as such).
  const r = g.getByLabel('Rank correlation');
  await r.fill('1.5');
  await expect(messageOf(r)).toHaveText('must be a number between −1 and 1');
  await r.fill('0.8');
  await expect(messageOf(r)).toBeHidden();
  // the next run's report (the status reads alike from run to run)
  await expect.poll(async () => (await reportRow(page, 'Costs overrun together'))[2], { timeout: 20_000 }).toBe('0.80');

  // A cost made a single number again is left out, said beside it and in the report.
  await card(page, MONITORING).getByLabel('One-time cost').fill('40000');
  await expect(g.getByTestId('members').locator('li.left-out')).toHaveText(/Consolidate monitoring tools: one-time cost — a single number: left out/);
  await expect(page.getByTestId('correlation-report').locator('.notices li')).toContainText(
    /“Costs overrun together”: Consolidate monitoring tools: one-time cost is a single number, so it is left out/,
  );
  await expect.poll(async () => (await reportRow(page, 'Costs overrun together'))[1], { timeout: 20_000 }).toBe('2 ranged');

  // Saved with the scenario: a reload keeps the group.
  await page.reload();
  await expect(groups(page)).toHaveCount(1);
  await expect(groups(page).first().getByLabel('Rank correlation')).toHaveValue('0.8');
});

test('a set of correlations that cannot hold together is repaired, and the notice says how far each pair moved', async ({ page }) => {
  await open(page);
  await rangedCosts(page);
  const corr = page.getByTestId('correlations');
  // all three up together at 0.9 …
  await corr.getByRole('button', { name: 'New group' }).click();
  const up = groups(page).nth(0);
  await up.getByLabel('Group', { exact: true }).fill('Up');
  for (const n of [DESK, PORTAL, MONITORING]) await addTo(up, `${n}: one-time cost`);
  await up.getByLabel('Rank correlation').fill('0.9');
  // … but the portal's against the monitoring tools' at −0.9: no matrix has both.
  await corr.getByRole('button', { name: 'New group' }).click();
  const down = groups(page).nth(1);
  await down.getByLabel('Group', { exact: true }).fill('Down');
  await addTo(down, `${PORTAL}: one-time cost`);
  await addTo(down, `${MONITORING}: one-time cost`);
  await down.getByLabel('Rank correlation').fill('-0.9');
  await simulated(page);
  const notice = page.getByTestId('correlation-report').locator('.notices li', { hasText: 'cannot all hold at once' });
  await expect(notice).toHaveCount(1);
  // every pair shrunk by the same share: 0.90 → x, 0.90 → x, −0.90 → −x
  const moves = [...(await notice.innerText()).matchAll(/(−?-?\d\.\d\d) → (−?-?\d\.\d\d)/g)].map((m) => [
    Number(m[1].replace('−', '-')),
    Number(m[2].replace('−', '-')),
  ]);
  expect(moves).toHaveLength(3);
  const share = moves[0][1] / moves[0][0];
  expect(share).toBeGreaterThan(0);
  expect(share).toBeLessThan(1);
  for (const [asked, used] of moves) expect(Math.abs(used / asked - share)).toBeLessThan(0.02);
  // The pair in both groups is said once.
  await expect(page.getByTestId('correlation-report').locator('.notices li', { hasText: 'in more than one correlation' })).toHaveText(
    /^1 pairs of estimates are in more than one correlation/,
  );
});

test('the NPV S-curve and histogram, and the chance that NPV exceeds an amount', async ({ page }) => {
  await open(page);
  await card(page, MONITORING).getByLabel('One-time cost').fill('20000-40000-400000');
  await simulated(page);
  const section = page.getByTestId('npv-curve');
  await section.getByLabel('NPV distribution of').selectOption({ label: MONITORING });
  const figure = page.locator('figure', { has: page.getByTestId('chart-npv-curve') });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveClass(/drawn/, { timeout: 20_000 });
  // The S-curve's table at 50% is the comparison's P50 (the same trials, the same rule).
  await figure.locator('details.chart-data summary').click();
  const p50 = (await cell(page, 'sim_npv', 3).innerText()).split('·')[1].trim();
  const median = figure.locator('tr', { has: page.locator('th, td', { hasText: /^50%$/ }) }).locator('th, td').nth(1);
  await expect(median).toHaveText(/^\$[\d,]+$/);
  // the comparison shows compact money ($152K), the table whole dollars: compare in thousands
  const k = (t: string) => Math.round(Number(t.replace(/[$,K]/g, '')) / (t.includes('K') ? 1 : 1000));
  expect(k(await median.innerText())).toBe(k(p50));

  // The chance of exceeding 0 is one minus the chance of a loss the comparison shows.
  const exceed = section.getByLabel('Chance NPV exceeds');
  await exceed.fill('0');
  const answer = page.getByTestId('exceed');
  await expect(answer).toHaveText(/^Chance NPV exceeds \$0: [\d.]+% \([\d,]+ of 10,000 trials\)$/);
  const loss = Number((await cell(page, 'sim_loss', 3).innerText()).replace('%', ''));
  const above = Number((await answer.innerText()).match(/: ([\d.]+)%/)![1]);
  expect(Math.abs(above + loss - 100)).toBeLessThanOrEqual(0.11);
  // an amount no trial reaches
  await exceed.fill('100000000');
  await expect(answer).toHaveText('Chance NPV exceeds $100,000,000: 0% (0 of 10,000 trials)');
  // text that is no number is said beside the field
  await exceed.fill('lots');
  await expect(messageOf(exceed)).toBeVisible();
  await expect(answer).toHaveText('');

  // As a histogram: its bins hold every trial.
  await section.getByLabel('Shown as').selectOption('histogram');
  await expect(figure.locator('table tbody tr')).toHaveCount(30, { timeout: 20_000 });
  const counts = await figure.locator('table tbody tr > :nth-child(3)').allInnerTexts();
  expect(counts.reduce((a, t) => a + Number(t.replace(/,/g, '')), 0)).toBe(10_000);
});

test('the loss exceedance curve of the example’s breach risk, before and after, against a risk tolerance', async ({ page }) => {
  await open(page);
  const loss = page.getByTestId('loss');
  await loss.scrollIntoViewIfNeeded();
  await loss.getByLabel('Loss exceedance of').selectOption({ label: MFA });
  const figure = page.locator('figure', { has: page.getByTestId('chart-loss') });
  await expect(figure).toHaveClass(/drawn/, { timeout: 20_000 });
  // 0.08 breaches a year of $4.4M, 60% less likely after: a year has a loss with chance
  // 1 − e^−0.08 = 7.69% before and 1 − e^−0.032 = 3.15% after; over 10,000 years the
  // standard errors are 0.27 and 0.17 points.
  const summary = page.getByTestId('chart-loss');
  const words = async () => (await summary.getAttribute('aria-label')) ?? '';
  await expect.poll(words).toContain('Loss exceedance of MFA and immutable backups over 10,000 simulated years');
  const text = await words();
  const before = Number(text.match(/before, a ([\d.]+)% chance of any loss/)![1]);
  const after = Number(text.match(/after, a ([\d.]+)% chance of any loss/)![1]);
  expect(Math.abs(before - 7.69)).toBeLessThan(4 * 0.27);
  expect(Math.abs(after - 3.15)).toBeLessThan(4 * 0.17);
  // the mean yearly loss before: 0.08 × $4.4M = $352,000, standard error $12,445
  const mean = Number(text.match(/mean yearly loss of \$([\d,]+)/)![1].replace(/,/g, ''));
  expect(Math.abs(mean - 352_000)).toBeLessThan(4 * 12_445);

  // At most 5% chance of a yearly loss above $1M: before is above it, after within.
  const tol = page.getByTestId('tolerance');
  await tol.getByRole('button', { name: 'Add a point' }).click();
  const point = tol.getByRole('group', { name: 'Tolerance point 1' });
  await point.getByLabel('Yearly loss above').fill('1000000');
  await point.getByLabel('Most chance accepted').fill('5');
  await expect
    .poll(words)
    .toMatch(/Before: above the risk tolerance, most at \$1,000,000: a [\d.]+% chance of a yearly loss above it against at most 5%\. After: within the risk tolerance at every loss\./);
  // A loss of 0 cannot anchor a log scale: said beside the tolerance.
  await point.getByLabel('Yearly loss above').fill('0');
  await expect(tol.locator('p.field-msg[role=alert]')).toHaveText('risk tolerance: a loss is not a number above 0');
});

test('the section shows once there is something to show: a run, or a benefit that reduces a risk', async ({ page }) => {
  await open(page);
  const heading = page.getByRole('heading', { name: 'Distributions and risk' });
  // the example's breach risk: its loss exceedance curve, before any run
  await expect(heading).toBeVisible();
  await expect(page.getByTestId('npv-curve')).toBeHidden();
  await page.getByRole('button', { name: 'New blank scenario' }).click();
  await expect(page.getByTestId('initiative-card')).toHaveCount(0);
  await expect(heading).toBeHidden();
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(heading).toBeVisible();
});
