// The assumptions register: every input with entered or default, and a source typed beside it that
// the scenario keeps (links, files, the CSV).
import { readFileSync } from 'node:fs';
import { test, expect } from './helpers';
import { card, open } from './locators';
import { EXAMPLE } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const SOURCE = 'Vendor quote Q-2231, September <b>2026</b>';

test('a source typed in the register is kept in the link, the saved file and the CSV', async ({ page, browser }) => {
  await open(page);
  const register = page.getByTestId('register').filter({ has: page.locator('summary', { hasText: EXAMPLE[0].name }) });
  await register.locator('summary').click();
  const rows = register.locator('tbody tr');
  // the initiative's own inputs, then each benefit's
  await expect(rows.first().locator('th')).toHaveText('One-time cost');
  // the example's months until benefits start (3) is the value a new initiative starts with
  await expect(rows.filter({ hasText: 'Months until benefits start' }).locator('td').nth(2)).toHaveText('default');
  await expect(rows.filter({ hasText: 'One-time cost' }).locator('td').nth(2)).toHaveText('entered');

  const source = register.getByLabel('Source of One-time cost');
  await source.fill(SOURCE);
  await source.press('Tab');
  await expect(page.getByTestId('register-settings').locator('xpath=following-sibling::p[1]')).toContainText('1 with a source');
  // text, never markup
  expect(await page.locator('.register b').count()).toBe(0);

  // the saved file (format version 5)
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const file = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(file.version).toBe(5);
  expect(file.data.initiatives[0].sources).toEqual({ one_time_cost: SOURCE });

  // the CSV's assumptions section
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text).toContain(`One-time cost,USD,`);
  expect(text).toContain(`"${SOURCE}"`);

  // the link, opened in a fresh browser
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c6\./);
  const fresh = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(fresh, `./${new URL(page.url()).hash}`);
  const again = fresh.getByTestId('register').filter({ has: fresh.locator('summary', { hasText: EXAMPLE[0].name }) });
  await again.locator('summary').click();
  await expect(again.getByLabel('Source of One-time cost')).toHaveValue(SOURCE);
  await fresh.context().close();

  // emptied, the source is gone
  await source.fill('');
  await source.press('Tab');
  await expect(page.getByTestId('register-settings').locator('xpath=following-sibling::p[1]')).toContainText('0 with a source');
});

test('a new benefit starts from the cautious defaults, marked default in the register', async ({ page }) => {
  await open(page);
  const c = card(page, EXAMPLE[0].name);
  await c.getByLabel('New benefit kind').selectOption('hours_saved');
  await c.getByRole('button', { name: 'Add benefit' }).click();
  const added = c.getByRole('group', { name: /^Benefit 3:/ });
  await expect(added.getByLabel('Adoption', { exact: true })).toHaveValue('80');
  await expect(added.getByLabel('Recapture', { exact: true })).toHaveValue('50');
  const register = page.getByTestId('register').filter({ has: page.locator('summary', { hasText: EXAMPLE[0].name }) });
  await register.locator('summary').click();
  const adoption = register.locator('tbody tr').filter({ hasText: 'Benefit 3: Hours saved · Adoption' });
  await expect(adoption.locator('td').nth(0)).toHaveText('80%');
  await expect(adoption.locator('td').nth(2)).toHaveText('default');
});
