// Drafts in local storage, as a user meets them: reload, links, corrupt data, blocked and full
// storage, two tabs. Against the built dist/.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './helpers';
import { allFigures, benefit, card, cell, notice, open, table } from './locators';
import { EXAMPLE, figures, money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const drafts = (page: Page) => page.getByTestId('drafts');
const rows = (page: Page) => drafts(page).locator('li.draft');
const hours = (page: Page) =>
  benefit(card(page, 'Service desk workflow automation'), 1).getByLabel('Hours saved', { exact: true });

/** The stored drafts index, as the app wrote it. */
async function index(page: Page): Promise<{ id: string; name: string; rev: number }[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('caseboard.drafts') || '[]'));
}

/** Waits until the draft is saved with the scenario on screen. */
async function saved(page: Page, count = 1) {
  await expect.poll(async () => (await index(page)).length).toBe(count);
}

test('an edit is saved as a draft; reloading returns to it with identical figures', async ({ page }) => {
  await open(page);
  await hours(page).fill('300');
  await card(page, 'Sales portal high availability').getByLabel('Name', { exact: true }).fill('<img src=x onerror=alert(1)>');
  await saved(page);
  await expect.poll(async () => (await index(page))[0].rev).toBeGreaterThanOrEqual(1);
  // the last keystrokes' save
  await expect
    .poll(() =>
      page.evaluate(() => {
        const [entry] = JSON.parse(localStorage.getItem('caseboard.drafts') || '[]');
        const text = entry && localStorage.getItem(`caseboard.draft.${entry.id}`);
        return text ? JSON.parse(text).data.initiatives[1].name : null;
      }),
    )
    .toBe('<img src=x onerror=alert(1)>');
  const before = await allFigures(page);
  await page.reload();
  await expect(table(page)).toBeVisible();
  await expect(hours(page)).toHaveValue('300');
  expect(await allFigures(page)).toEqual(before);
  await expect(card(page, '<img src=x onerror=alert(1)>')).toBeVisible();
  await drafts(page).locator('summary').click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveClass(/open/);
  await expect(rows(page).first().locator('input')).toHaveValue('FY27 IT investment candidates');
  expect(await page.locator('img[src=x]').count()).toBe(0);
});

test('drafts list: new, rename, duplicate, open, delete and undo', async ({ page }) => {
  await open(page);
  await hours(page).fill('250');
  await saved(page);
  await page.getByRole('button', { name: 'New blank scenario' }).click();
  await page.getByLabel('Scenario name').fill('Second plan');
  await saved(page, 2);
  await drafts(page).locator('summary').click();
  await expect(drafts(page).locator('summary')).toHaveText('Drafts (2)');
  await expect.poll(() => rows(page).locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
    .toEqual(['Second plan', 'FY27 IT investment candidates']);
  // rename the other draft (not open) from the list
  await rows(page).nth(1).locator('input').fill('Budget round 1');
  await rows(page).nth(1).locator('input').press('Enter');
  await expect.poll(async () => (await index(page)).map((e) => e.name)).toContain('Budget round 1');
  // duplicate it, open the copy: the scenario of the original
  await rows(page).filter({ has: page.locator('input[value="Budget round 1"]') }).getByRole('button', { name: 'Duplicate' }).click();
  await expect(drafts(page).locator('summary')).toHaveText('Drafts (3)');
  const copy = rows(page).filter({ has: page.locator('input[value="Copy of Budget round 1"]') });
  await copy.getByRole('button', { name: 'Open' }).click();
  await expect(hours(page)).toHaveValue('250');
  await expect(copy).toHaveClass(/open/);
  // delete it, then undo
  await copy.getByRole('button', { name: 'Delete' }).click();
  await expect(notice(page)).toHaveText(/Deleted the draft “Copy of Budget round 1”/);
  await expect(drafts(page).locator('summary')).toHaveText('Drafts (2)');
  await notice(page).getByRole('button', { name: 'Undo' }).click();
  await expect(drafts(page).locator('summary')).toHaveText('Drafts (3)');
  expect((await index(page)).map((e) => e.name)).toContain('Copy of Budget round 1');
  // a name with markup is text in the list; the open list and the notice pass axe-core
  await page.getByLabel('Scenario name').fill('<img src=x onerror=alert(1)>');
  await expect(rows(page).locator('input[value="<img src=x onerror=alert(1)>"]')).toHaveCount(1);
  expect(await page.locator('img[src=x]').count()).toBe(0);
  await rows(page).first().getByRole('button', { name: 'Delete' }).click();
  await expect(notice(page)).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('.toolbar').include('.notices').include('.drafts').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test('a link opens as a new draft; the drafts of the browser that made it are untouched', async ({ page, browser }) => {
  await open(page);
  await hours(page).fill('280');
  await saved(page);
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c6\./);
  const link = page.url();
  const mine = await index(page);

  const other = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(other);
  await other.getByLabel('Scenario name').fill('Their own work');
  await saved(other);
  await other.goto(link);
  await other.reload();
  await expect(notice(other)).toHaveText(/Opened the scenario from the link, as a new draft/);
  await expect(hours(other)).toHaveValue('280');
  await saved(other, 2);
  const theirs = await index(other);
  expect(theirs.map((e) => e.name).sort()).toEqual(['FY27 IT investment candidates', 'Their own work']);
  await drafts(other).locator('summary').click();
  await expect(rows(other).first().locator('.hint')).toContainText('from a link');
  // the original browser's drafts did not change
  expect(await index(page)).toEqual(mine);
  await other.context().close();
});

test('a corrupt draft is moved aside, kept, and the app starts with a message', async ({ page }) => {
  await open(page);
  await hours(page).fill('260');
  await saved(page);
  const [{ id }] = await index(page);
  await page.evaluate((id) => localStorage.setItem(`caseboard.draft.${id}`, '{"format":"caseboard","version":1,"data":{"name":'), id);
  await page.reload();
  await expect(notice(page)).toHaveText(/could not be read .* kept unchanged in this browser's storage as “caseboard\.aside\./);
  await expect(cell(page, 'npv', 0)).toHaveText(money(figures(EXAMPLE[0]).npv));
  const aside = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('caseboard.aside.')).map((k) => localStorage.getItem(k)),
  );
  expect(aside).toEqual(['{"format":"caseboard","version":1,"data":{"name":']);
  expect(await index(page)).toEqual([]);
});

test('storage blocked: the app works and says drafts will not be kept', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await open(page);
  await expect(notice(page)).toHaveText(/drafts will not be kept/);
  await hours(page).fill('300');
  await expect(cell(page, 'npv', 0)).not.toHaveText(money(figures(EXAMPLE[0]).npv));
  // links still work without storage
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c6\./);
});

test('storage full: a message, nothing lost on screen', async ({ page }) => {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('caseboard.draft.')) throw new DOMException('quota', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await open(page);
  await hours(page).fill('310');
  await expect(notice(page)).toHaveText(/storage for this site is full.*Nothing on screen is lost/);
  await expect(hours(page)).toHaveValue('310');
  // the notice offers the file instead
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice(page).getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('fy27-it-investment-candidates.json');
  await card(page, 'Service desk workflow automation').getByLabel('Name', { exact: true }).fill('Still editing');
  await expect(card(page, 'Still editing')).toBeVisible();
});

test('two tabs: the second sees the first one’s new draft; a conflicting edit is offered, not lost', async ({ page, context }) => {
  await open(page);
  await hours(page).fill('300');
  await saved(page);
  const second = await context.newPage();
  await open(second);
  await expect(hours(second)).toHaveValue('300'); // reopened the last draft
  // the first tab makes a new draft: the second tab's list shows it
  await page.getByRole('button', { name: 'New blank scenario' }).click();
  await page.getByLabel('Scenario name').fill('Made in tab one');
  await saved(page, 2);
  await drafts(second).locator('summary').click();
  await expect(rows(second)).toHaveCount(2);
  await expect(rows(second).locator('input[value="Made in tab one"]')).toHaveCount(1);
  // both tabs edit the same draft: the later save asks which version to keep
  await drafts(page).locator('summary').click();
  await rows(page).filter({ has: page.locator('input[value="FY27 IT investment candidates"]') }).getByRole('button', { name: 'Open' }).click();
  await expect(hours(page)).toHaveValue('300');
  // both tabs edit the same draft before either saves: tab one saves first; tab two, on its
  // save, finds a newer revision and asks which version to keep
  await hours(page).fill('111');
  await hours(second).fill('222');
  await expect(notice(second)).toHaveText(/changed in another tab since this tab opened it/);
  await expect(hours(second)).toHaveValue('222'); // nothing lost while asking
  const stored = async (p: Page) => {
    const [entry] = (await index(p)).filter((e) => e.name === 'FY27 IT investment candidates');
    return p.evaluate((id) => localStorage.getItem(`caseboard.draft.${id}`), entry.id);
  };
  await expect.poll(() => stored(second)).toContain('"hours": 111');
  await notice(second).getByRole('button', { name: "Keep this tab's version" }).click();
  await expect.poll(() => stored(second)).toContain('"hours": 222');
  // tab one, with nothing unsaved, follows
  await expect(hours(page)).toHaveValue('222');
});
