// Opening a saved draft says what reading it changed, as opening a file or a link does.
// Against the built dist/.
import { test, expect } from './helpers';
import { card, cell, notice, open } from './locators';
import { money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

test('a draft whose initiatives share an id opens with both, and the notice says which id changed', async ({ page }) => {
  await open(page);
  // A draft stored by an earlier Caseboard (or edited by hand): two initiatives with the id "x".
  const data = {
    name: 'Clash',
    criteria: [],
    initiatives: [
      { id: 'x', name: 'First', one_time_cost: 100, benefits: [] },
      { id: 'x', name: 'Second', one_time_cost: 200, benefits: [] },
    ],
  };
  await page.evaluate((data) => {
    localStorage.setItem('caseboard.draft.d1', JSON.stringify({ format: 'caseboard', version: 2, data }));
    localStorage.setItem('caseboard.drafts', JSON.stringify([{ id: 'd1', name: 'Clash', updated: Date.now(), rev: 1, link: false }]));
  }, data);
  await page.reload();
  await expect(cell(page, 'npv', 0)).toBeVisible();
  const drafts = page.getByTestId('drafts');
  await drafts.locator('summary').click();
  const row = drafts.locator('li.draft').filter({ has: page.locator('input[value="Clash"]') });
  await expect(notice(page)).toHaveCount(0);
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(notice(page)).toContainText('Opened the draft “Clash”.');
  await expect(notice(page)).toContainText('The initiative “Second” had the id “x” of an earlier initiative; it now has “x-2”.');
  await expect(row).toHaveClass(/open/);
  // Both initiatives are there, each with its own figures: a one-time cost at the start is its
  // own present value.
  await expect(page.getByTestId('initiative-card')).toHaveCount(2);
  for (const name of ['First', 'Second']) await expect(card(page, name)).toBeVisible();
  for (const [k, v] of [100, 200].entries()) await expect(cell(page, 'pv_costs', k)).toHaveText(money(v));
});
