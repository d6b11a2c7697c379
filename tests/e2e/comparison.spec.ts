import { test, expect } from './helpers';
import { open, table } from './locators';
import { EXAMPLE, figures } from './oracle';

test('Rank by reorders the columns: ranked by ROI, the highest ROI stands first', async ({ page }) => {
  await open(page);
  const names = table(page).locator('thead th .col-name');
  const byNpv = EXAMPLE.map((i, k) => ({ k, v: figures(i).npv })).sort((a, b) => b.v - a.v || a.k - b.k);
  await expect(names).toHaveText(byNpv.map((x) => EXAMPLE[x.k].name));
  await page.getByLabel('Rank by').selectOption('roi');
  const byRoi = EXAMPLE.map((i, k) => ({ k, v: figures(i).roi! })).sort((a, b) => b.v - a.v || a.k - b.k);
  await expect(names).toHaveText(byRoi.map((x) => EXAMPLE[x.k].name));
  await expect(table(page).locator('tr[data-row="rank"] td summary .value')).toHaveText(['1st', '2nd', '3rd', '4th']);
});

test('a tie of every initiative marks no best value', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'New blank scenario' }).click();
  await page.getByRole('button', { name: 'Add initiative' }).click();
  await page.getByRole('button', { name: 'Add initiative' }).click();
  await expect(table(page).locator('thead th .col-name')).toHaveCount(2);
  // two initiatives with the same (default) inputs: every figure ties
  await expect(table(page).locator('td.best')).toHaveCount(0);
  await expect(table(page).locator('.best-mark')).toHaveCount(0);
});

test('on a phone the figure names stay in view while the comparison scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  const scroller = table(page).locator('xpath=ancestor::div[contains(@class,"table-scroll")][1]');
  const wide = await scroller.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(wide, 'four initiatives do not fit 390 px').toBe(true);
  await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const name = table(page).locator('tr[data-row="npv"] th');
  await expect(name).toHaveText('NPV');
  const box = (await name.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});
