// Share links: the scenario travels in the address's fragment. Tests against the built dist/.
import { test, expect } from './helpers';
import { benefit, card, cell, notice, open, allFigures, table } from './locators';
import { EXAMPLE, figures, money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

/** The address's fragment once it holds a share link. */
async function linkInAddress(page: import('@playwright/test').Page): Promise<string> {
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c\d+\./);
  return new URL(page.url()).hash;
}

test('the address holds the scenario after an edit; opened in a fresh browser it shows the same figures', async ({ page, browser }) => {
  await open(page);
  expect(new URL(page.url()).hash).toBe('');
  const desk = card(page, 'Service desk workflow automation');
  await benefit(desk, 1).getByLabel('Hours saved', { exact: true }).fill('300');
  await card(page, 'Sales portal high availability').getByLabel('Name', { exact: true }).fill('Portal <b>HA</b> & "failover"');
  const hash = await linkInAddress(page);
  expect(hash.length, 'the link is short enough for mail clients').toBeLessThan(1000);
  // query string untouched: the data never goes to a server
  expect(new URL(page.url()).search).toBe('');
  const before = await allFigures(page);

  const fresh = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  const other = await fresh.newPage();
  await open(other, `./${hash}`);
  await expect(notice(other)).toHaveText(/Opened the scenario from the link/);
  await expect(card(other, 'Portal <b>HA</b> & "failover"')).toBeVisible();
  await expect(benefit(card(other, 'Service desk workflow automation'), 1).getByLabel('Hours saved', { exact: true })).toHaveValue('300');
  expect(await allFigures(other)).toEqual(before);
  await expect(table(other).locator('thead th[data-col="1"]')).toContainText('Portal <b>HA</b> & "failover"');
  await fresh.close();
});

test('a damaged or cut link says so and the app opens with the example', async ({ page }) => {
  await open(page);
  await card(page, 'Service desk workflow automation').getByLabel('Name', { exact: true }).fill('Changed');
  const hash = await linkInAddress(page);
  for (const [bad, says] of [
    [hash.slice(0, hash.length - 40), /incomplete|damaged/],
    [hash.slice(0, 20) + 'A' + hash.slice(21), /damaged|incomplete/],
    ['#c99.AAAA', /newer Caseboard/],
    ['#hello', /does not hold a Caseboard scenario/],
  ] as const) {
    await page.goto(`./${bad}`);
    await page.reload();
    await expect(notice(page)).toHaveText(says);
    await expect(notice(page)).toHaveText(/opened as usual .* nothing was changed/);
    await expect(cell(page, 'npv', 0)).toHaveText(money(figures(EXAMPLE[0]).npv));
  }
});

test('Copy link puts the address with the scenario on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await page.getByTestId('copy-link').click();
  await expect(notice(page)).toHaveText(/Link copied \(\d+ characters\)\. It carries the scenario itself/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  expect(new URL(copied).hash).toMatch(/^#c6\./);
  const n = Number((await notice(page).innerText()).match(/\((\d+) characters\)/)![1]);
  expect(n).toBe(copied.length);
  console.log(`share link of the built-in example: ${new URL(copied).hash.length - 1} characters in the fragment, ${copied.length} in the whole address`);
});
