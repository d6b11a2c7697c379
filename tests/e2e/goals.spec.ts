// Business goals: a goal with a KPI is added, an initiative says it serves it and the change it
// expects, and the alignment shows which goals no funded initiative serves and which initiatives
// serve none; a link carries it. Expected values by hand from the example (README).
import type { Page } from '@playwright/test';
import { test, expect } from './helpers';
import { card, open } from './locators';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const section = (page: Page) => page.locator('section.goals');

test('a goal and its KPI, served by an initiative, show in the alignment; a link keeps them', async ({ page, browser }) => {
  await open(page);
  // No goals: no alignment section.
  await expect(page.locator('section.alignment')).toBeHidden();
  await section(page).getByRole('button', { name: 'Add goal' }).click();
  const goal = section(page).getByRole('group', { name: 'Goal New goal' });
  await goal.getByLabel('Goal', { exact: true }).fill('Cut IT operating cost');
  await section(page).getByRole('group', { name: 'Goal Cut IT operating cost' }).getByRole('button', { name: 'Add KPI' }).click();
  const kpi = section(page).getByRole('group', { name: 'KPI New KPI' });
  await kpi.getByLabel('KPI', { exact: true }).fill('Operating cost');
  await section(page).getByRole('group', { name: 'KPI Operating cost' }).getByLabel('Unit').fill('$k a month');

  // Until an initiative serves it, no funded initiative does, and every initiative serves none.
  const notes = page.getByTestId('alignment-notes');
  await expect(notes).toContainText('No funded initiative serves: Cut IT operating cost.');
  await expect(notes).toContainText('Serving no goal: Service desk workflow automation, Sales portal high availability, MFA and immutable backups and Consolidate monitoring tools.');

  const served = card(page, 'Consolidate monitoring tools').locator('details.goals-served');
  await served.locator('summary').click();
  await served.getByLabel('Serves “Cut IT operating cost”').check();
  await served.getByLabel('Expected change in Operating cost ($k a month)').fill('-12');
  // Monitoring is funded (the example's budget funds it): the goal is served.
  await expect(notes).not.toContainText('No funded initiative serves');
  await expect(notes).toContainText('Serving no goal: Service desk workflow automation, Sales portal high availability and MFA and immutable backups.');
  const row = page.getByTestId('alignment').locator('tbody tr').first();
  await expect(row.locator('th')).toHaveText('Cut IT operating cost');
  await expect(row).toContainText('Operating cost -12 $k a month');

  // A link opens to the same goals and alignment in a fresh browser.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c6\./);
  const fresh = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(fresh, `./${new URL(page.url()).hash}`);
  await expect(fresh.getByTestId('alignment').locator('tbody tr').first()).toContainText('Operating cost -12 $k a month');
  await fresh.context().close();
});

test('strategic fit derived from the goals served, when chosen', async ({ page }) => {
  await open(page);
  await section(page).getByRole('button', { name: 'Add goal' }).click();
  await section(page).getByRole('group', { name: 'Goal New goal' }).getByLabel('Goal', { exact: true }).fill('Lower risk');
  const served = card(page, 'MFA and immutable backups').locator('details.goals-served');
  await served.locator('summary').click();
  await served.getByLabel('Serves “Lower risk”').check();
  const fit = (name: string) => card(page, name).getByLabel('Strategic fit', { exact: true });
  // Entered scores until chosen: the example's 4 (MFA) and 3 (workflow).
  await expect(fit('MFA and immutable backups')).toHaveValue('4');
  await page.getByTestId('fit-from-goals').check();
  // One goal of weight 1: serving it is 1 + 4 × 1/1 = 5; serving none is 1. Derived, not entered.
  await expect(fit('MFA and immutable backups')).toHaveValue('5');
  await expect(fit('Service desk workflow automation')).toHaveValue('1');
  await expect(fit('Service desk workflow automation')).toBeDisabled();
  // Serving it moves the score with it.
  const desk = card(page, 'Service desk workflow automation').locator('details.goals-served');
  await desk.locator('summary').click();
  await desk.getByLabel('Serves “Lower risk”').check();
  await expect(fit('Service desk workflow automation')).toHaveValue('5');
});
