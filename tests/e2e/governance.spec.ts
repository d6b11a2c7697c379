// The governance record: a decision is recorded with who and why and the figures then; an
// approval freezes the plan, a later edit leaves the baseline and the card says what changed;
// the file and a link carry it. Expected values by hand from the example's inputs (README).
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect } from './helpers';
import { card, messageOf, open } from './locators';
import { EXAMPLE, figures, money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const NAME = 'Service desk workflow automation';
const governance = (page: Page) => card(page, NAME).locator('details.governance');

test('an approval records who, why and the figures then, and freezes the plan; a later edit leaves it', async ({ page, browser }) => {
  await open(page);
  const g = governance(page);
  await expect(g.getByTestId('status')).toHaveText('Proposed');
  await g.locator('summary').click();
  await expect(g.getByText('No decision recorded yet.')).toBeVisible();

  // Nobody named: said beside the field, nothing recorded.
  await g.getByRole('button', { name: 'Record decision' }).click();
  await expect(messageOf(g.getByLabel('Decided by'))).toHaveText('Say who decided: a person or a board');
  await expect(g.getByTestId('decision-log')).toHaveCount(0);

  await g.getByLabel('Decided by').fill('IT steering committee');
  await g.getByLabel('Why').fill('Pays back within 18 months.');
  await g.getByRole('button', { name: 'Record decision' }).click();
  await expect(g.getByTestId('status')).toHaveText('Approved');
  // The figures then: the oracle's NPV of the example's first initiative.
  const npv = money(figures(EXAMPLE[0]).npv);
  const row = g.getByTestId('decision-log').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td')).toHaveText([/^\d{4}-\d{2}-\d{2}$/, 'Approved', 'IT steering committee', 'Pays back within 18 months.', npv]);
  // The baseline: the one-time cost as entered ($85,000) and the NPV then.
  await expect(g.getByTestId('baselines').locator('li').first()).toContainText(`one-time cost $85,000, NPV ${npv}`);

  // An edit of the plan after approval: the baseline stays, and the card says what changed.
  await card(page, NAME).getByLabel('One-time cost', { exact: true }).fill('95000');
  await expect(g.getByTestId('baselines').locator('li').first()).toContainText('one-time cost $85,000');
  await expect(g.getByTestId('baselines')).toContainText('The plan changed since its approval on');
  await expect(g.getByTestId('baselines')).toContainText(': one-time cost. The approved baseline stays as it was');
  // The executive summary says where decisions stand, and that the approved plan changed.
  const said = page.getByTestId('summary').locator('[data-topic="governance"]');
  await expect(said).toContainText('approved: Service desk workflow automation');
  await expect(said).toContainText('The plan of one initiative changed since approval');

  // The saved file holds the decision and the baseline (format version 5).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(file.version).toBe(5);
  const w = file.data.initiatives[0];
  expect(w.stage).toBe('approved');
  expect(w.decisions.map((d: { by: string }) => d.by)).toEqual(['IT steering committee']);
  expect(w.baselines[0].one_time_cost).toBe(85000);
  expect(w.one_time_cost).toBe(95000);

  // A link opens to the same record in a fresh browser.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c6\./);
  const fresh = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await open(fresh, `./${new URL(page.url()).hash}`);
  const g2 = governance(fresh);
  await expect(g2.getByTestId('status')).toHaveText('Approved');
  await expect(g2.getByTestId('decision-log').locator('tbody tr td').nth(2)).toHaveText('IT steering committee');
  await expect(g2.getByTestId('baselines')).toContainText('The plan changed since its approval on');
  await fresh.context().close();
});
