// The portfolio: a budget chooses the funded set (exactly), the frontier and the roadmap follow
// it, a link carries them, and a budget the mandatory work alone breaks is said beside it.
// Expected values are worked by hand from the example's inputs (README: "The portfolio").
import { test, expect } from './helpers';
import { hoverChart, messageOf, open } from './locators';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const section = (page) => page.locator('section.portfolio');
const ranked = (page) => page.getByTestId('portfolio-ranked');
const row = (page, name: string) => ranked(page).locator('tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const budget = (page) => section(page).getByLabel('Year 1: One-time spend', { exact: true });

test('a budget chooses the funded set; the frontier and the roadmap follow it; a link keeps them', async ({ page, browser }) => {
  await open(page);
  // The example: a year-1 one-time budget of $400,000. One-time costs: MFA $150,000 (mandatory),
  // workflow $85,000, monitoring $40,000, portal $260,000 (it depends on monitoring).
  // 150 + 85 + 40 = 275 fits; with the portal 535, 135 over.
  await expect(budget(page)).toHaveValue('400,000');
  const sentences = page.getByTestId('portfolio-sentences');
  await expect(sentences).toContainText('Fund these 3 of 4 within year 1 one-time budget $400,000');
  await expect(row(page, 'Sales portal high availability').locator('td').last()).toHaveText(
    'Not funded: needs $135,000 more of the year 1 one-time budget',
  );
  await expect(row(page, 'MFA and immutable backups').locator('td').last()).toHaveText('Funded (mandatory)');
  // The cut line stands above the first initiative not funded.
  await expect(ranked(page).locator('tr.cut th')).toHaveText('Sales portal high availability');
  // The summary leads with the portfolio.
  await expect(page.getByTestId('summary').locator('li').first()).toContainText('Fund these 3 of 4');

  // The roadmap: three funded initiatives, never more than the team's 4 person-months a month.
  const roadmap = page.getByTestId('roadmap-table');
  await expect(roadmap.locator('tbody tr')).toHaveCount(3);
  const capacity = page.locator('figure', { has: page.getByTestId('chart-capacity') });
  await capacity.locator('summary', { hasText: 'Data table' }).click();
  await expect(capacity.locator('tbody tr').first()).toBeVisible();
  const loads = await capacity.locator('tbody tr td:nth-child(2)').allInnerTexts();
  expect(loads.length).toBeGreaterThan(0);
  for (const l of loads) expect(Number(l)).toBeLessThanOrEqual(4);

  // The frontier: at least 40 budget levels, the current one marked.
  const frontier = page.locator('figure', { has: page.getByTestId('chart-frontier') });
  await frontier.locator('summary', { hasText: 'Data table' }).click();
  const levels = frontier.locator('tbody tr');
  await expect.poll(() => levels.count()).toBeGreaterThanOrEqual(40);
  await expect(levels.filter({ hasText: '(current)' })).toHaveCount(1);

  // The spend chart's tip for year 1 gives that year's budget, as the input has it.
  const spendTip = page.locator('figure', { has: page.getByTestId('chart-spend') }).getByTestId('chart-tip');
  await expect(async () => {
    await hoverChart(page, 'chart-spend', [0, 100_000]);
    await expect(spendTip).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(spendTip.locator('strong')).toHaveText('Year 1');
  await expect(spendTip).toContainText('One-time budget: $400,000');
  await page.mouse.move(0, 0);

  // $600,000 funds all four: 535 ≤ 600.
  await budget(page).fill('600,000');
  await expect(sentences).toContainText('Fund these 4 of 4 within year 1 one-time budget $600,000');
  await expect(ranked(page).locator('tr.cut')).toHaveCount(0);
  await expect(roadmap.locator('tbody tr')).toHaveCount(4);
  await expect(levels.filter({ hasText: '$600,000 (current)' })).toHaveCount(1);

  // A link opens to the same portfolio and roadmap in a fresh browser.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c6\./);
  const want = await roadmap.locator('tbody').innerText();
  const fresh = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(fresh, `./${new URL(page.url()).hash}`);
  await expect(fresh.getByTestId('portfolio-sentences')).toContainText('Fund these 4 of 4 within year 1 one-time budget $600,000');
  await expect.poll(() => fresh.getByTestId('roadmap-table').locator('tbody').innerText()).toBe(want);
  await fresh.context().close();
});

test('a budget below the mandatory spend says by how much beside it, and the figures stay', async ({ page }) => {
  await open(page);
  await budget(page).fill('100,000');
  // MFA alone needs $150,000 of it: $50,000 more.
  await expect(messageOf(budget(page))).toContainText('50,000 more');
  await expect(page.getByTestId('portfolio-sentences')).toContainText('No portfolio fits');
  // The comparison is still there: the note does not stop the figures.
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  // Nothing typed is lost.
  await expect(budget(page)).toHaveValue('100,000');
});
