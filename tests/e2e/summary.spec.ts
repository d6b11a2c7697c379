import { test, expect } from './helpers';
import type { Page } from '@playwright/test';
import { cell, open } from './locators';
import { EXAMPLE, figures, money, percent, months, score, scoreText } from './oracle';

// The built-in example marks one initiative mandatory (an input of src/model/example.rs).
const MANDATORY = 'MFA and immutable backups';

const summary = (page: Page) => page.getByTestId('summary');
const sentence = (page: Page, topic: string) => summary(page).locator(`li[data-topic="${topic}"]`);

for (const [w, h] of [
  [1440, 900],
  [390, 844],
]) {
  test(`the summary is on the first screen at ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page);
    const first = summary(page).locator('li').first();
    await expect(first).toBeVisible();
    const box = (await first.boundingBox())!;
    expect(box.y + Math.min(box.height, 40), 'the first sentence starts within the first screen').toBeLessThan(h);
    const heading = (await summary(page).getByRole('heading', { name: 'Summary' }).boundingBox())!;
    expect(heading.y).toBeLessThan(h);
  });
}

test('the recommendation is the highest NPV of the initiatives not mandatory, as the oracle has it', async ({ page }) => {
  await open(page);
  const f = EXAMPLE.map((i) => figures(i));
  const free = EXAMPLE.map((i, k) => ({ i, f: f[k] })).filter((x) => x.i.name !== MANDATORY);
  free.sort((a, b) => b.f.npv - a.f.npv);
  const [top, ...rest] = free;
  const then = rest.filter((x) => x.f.npv > 0).map((x) => `${x.i.name} (${money(x.f.npv)})`);
  const rec = sentence(page, 'recommend');
  await expect(rec).toContainText(
    `Fund ${top.i.name} first: the highest NPV of the initiatives not mandatory, ${money(top.f.npv)} over 3 years at a 10% discount rate, an ROI of ${percent(top.f.roi!)}, and pays back in ${months(top.f.payback!)}.`,
  );
  const list = then.length > 1 ? `${then.slice(0, -1).join(', ')} and ${then[then.length - 1]}, in that order.` : `${then[0]}.`;
  await expect(rec).toContainText(`Then ${list}`);
  const must = f[EXAMPLE.findIndex((i) => i.name === MANDATORY)];
  await expect(sentence(page, 'mandatory')).toContainText(
    `Fund ${MANDATORY} in any case: marked mandatory, it is funded before the others and not ranked against them (NPV ${money(must.npv)}).`,
  );
  // The weighted score disagrees with the NPV: the first by score is named, with both scores.
  const scores = EXAMPLE.map((i) => score(i.scores!)!);
  const byScore = scores.indexOf(Math.max(...scores));
  const byNpv = f.indexOf(f.reduce((a, b) => (b.npv > a.npv ? b : a)));
  expect(byScore).not.toBe(byNpv);
  // any other initiative with the same top score is named as level with it
  const level = EXAMPLE.filter((_, k) => k !== byScore && scores[k] === scores[byScore]).map((i) => i.name);
  const levelText = level.length === 0 ? '' : `, level with ${level.length > 1 ? `${level.slice(0, -1).join(', ')} and ${level[level.length - 1]}` : level[0]},`;
  await expect(sentence(page, 'scores')).toContainText(
    `By weighted score, ${EXAMPLE[byScore].name} ranks first (${scoreText(scores[byScore])}${levelText} against ${scoreText(scores[byNpv])} for ${EXAMPLE[byNpv].name}, which has the highest NPV)`,
  );
  // The example has no ranges: the summary says how to get them.
  await expect(sentence(page, 'range')).toContainText('No estimate has a range yet');
});

test('a sentence opens onto the figures and derivations behind it', async ({ page }) => {
  await open(page);
  const rec = sentence(page, 'recommend');
  await rec.locator('summary').click();
  await expect(rec.locator('.trace li').first()).toContainText('1. ');
  // the derivation of the recommended initiative's NPV, as the comparison cell shows it
  const npv = rec.locator('.trace-cell').first();
  await expect(npv.locator('.trace-label')).toHaveText(/^NPV of /);
  await expect(npv.locator('ol.derivation li').first()).toBeVisible();
  const name = (await npv.locator('.trace-label').innerText()).replace('NPV of ', '');
  const col = EXAMPLE.findIndex((i) => i.name === name);
  await cell(page, 'npv', col).click();
  const fromTable = await page
    .getByTestId('comparison')
    .locator(`tr[data-row="npv"] td[data-col="${col}"]`)
    .locator('ol.derivation li')
    .allInnerTexts();
  expect(await npv.locator('ol.derivation li').allInnerTexts()).toEqual(fromTable);
});

test('with ranges, the summary gives the P10–P90 and the estimate worth refining', async ({ page }) => {
  await open(page);
  await expect(sentence(page, 'range')).toContainText('No estimate has a range yet');
  const desk = page.getByRole('article', { name: EXAMPLE[0].name, exact: true });
  await desk.getByLabel('One-time cost', { exact: true }).fill('60000-120000');
  await expect(sentence(page, 'range')).toContainText('(P10 to P90; median', { timeout: 20_000 });
  await expect(sentence(page, 'refine')).toBeVisible();
  // the summary's P10 and P90 are those of the comparison's simulated NPV of that initiative
  const text = await sentence(page, 'range').innerText();
  const m = /the NPV of (.+?) lies between (\S+) and (\S+) \(P10 to P90/.exec(text)!;
  const col = EXAMPLE.findIndex((i) => i.name === m[1]);
  await cell(page, 'sim_npv', col).click();
  const how = page.getByTestId('comparison').locator(`tr[data-row="sim_npv"] td[data-col="${col}"]`).locator('ol.derivation');
  await expect(how).toContainText(`P10 ${m[2]}:`);
  await expect(how).toContainText(`P90 ${m[3]}:`);
});

test('the skip link and the section links move the focus without touching the share link', async ({ page, context }) => {
  await open(page);
  // an edit puts the scenario's share link in the address
  await page.getByRole('article', { name: EXAMPLE[0].name, exact: true }).getByLabel('One-time cost', { exact: true }).fill('90000');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#c6\./);
  const link = await page.evaluate(() => location.hash);
  // the shared link, opened in a new tab, opens on the summary at the top of the page
  const url = page.url();
  await page.close();
  page = await context.newPage();
  await page.goto(url);
  await expect(sentence(page, 'recommend')).toBeInViewport();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the results' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeFocused();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Inputs' }).click();
  await expect(page.getByRole('heading', { name: 'Scenario settings' })).toBeFocused();
  expect(await page.evaluate(() => location.hash)).toBe(link);
  await expect(page.getByTestId('notice')).toHaveCount(0);
});
