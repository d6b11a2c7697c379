// A large scenario (100 initiatives × 10 benefits): the page stays responsive when it is
// imported and edited. Prints the longest main-thread task (a figure, not an assertion: timing
// on a shared machine is not a test); asserts that everything is on screen and correct.
import type { Page } from '@playwright/test';
import { test, expect } from './helpers';
import { card, cell, open } from './locators';
import { money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const N = 100;
const BENEFITS = 10;

function large(): string {
  const initiatives = Array.from({ length: N }, (_, i) => ({
    id: `i${i}`,
    name: `Initiative ${i + 1}`,
    one_time_cost: 1000 * (i + 1),
    annual_running_cost: 0,
    delivery_months: 0,
    ramp_up_months: 0,
    benefits: Array.from({ length: BENEFITS }, (_, b) => ({ label: `Benefit ${b + 1}`, kind: 'cost_avoided', amount_per_year: { low: 50, likely: 100, high: 200 } })),
  }));
  return JSON.stringify({ format: 'caseboard', version: 2, data: { name: 'Large', horizon_years: 1, discount_rate_pct: 0, criteria: [], initiatives, simulation: { trials: 1000, seed: 1 } } });
}

/** Starts recording long main-thread tasks (PerformanceObserver `longtask`, 50 ms and longer). */
async function watchTasks(page: Page) {
  await page.evaluate(() => {
    (window as any).__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as any).__tasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}
const longest = (page: Page) => page.evaluate(() => Math.max(0, ...((window as any).__tasks as number[])));

test('100 initiatives × 10 benefits: imported and edited, every card and figure on screen', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await watchTasks(page);
  await page.getByLabel('Import JSON…').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(large()) });
  await expect(page.locator('.scenario-name')).toHaveText('Large');
  await expect(page.getByTestId('initiative-card')).toHaveCount(N);
  // Hand arithmetic: 10 benefits × 100 a year for 1 year at 0%, minus the one-time cost.
  await expect(cell(page, 'npv', 0)).toHaveText(money(0));
  await expect(cell(page, 'npv', N - 1)).toHaveText(money(-99000));
  const importing = await longest(page);
  await watchTasks(page);
  const field = card(page, 'Initiative 1').getByLabel('One-time cost', { exact: true });
  await field.selectText();
  await field.pressSequentially('10000', { delay: 30 });
  await expect(cell(page, 'npv', 0)).toHaveText(money(1000 - 10000));
  const typing = await longest(page);
  console.log(`100 × 10: longest main-thread task ${importing.toFixed(0)} ms importing, ${typing.toFixed(0)} ms typing`);
});
