import { test, expect } from './helpers';
import { card, benefit, cell, messageOf, open } from './locators';
import { EXAMPLE, figures, money } from './oracle';
import type { Initiative } from './oracle';
import type { Locator } from '@playwright/test';

/** The field (label, input, notes) an input belongs to. */
const fieldOf = (input: Locator) => input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " field ")][1]');

function withHours(i: Initiative, hours: number): Initiative {
  const [first, ...rest] = i.benefits;
  return { ...i, benefits: [{ ...first, hours } as typeof first, ...rest] };
}

const desk = EXAMPLE[0];

test('number fields take what people type: $120k, 1.2M, 15*40, (8+4)*52, and say what they read', async ({ page }) => {
  await open(page);
  const c = card(page, desk.name);
  const cost = c.getByLabel('One-time cost', { exact: true });
  // money shows grouped while not being edited
  await expect(cost).toHaveValue('85,000');
  await cost.fill('$120k');
  await expect(cost).toHaveValue('$120k'); // kept as typed
  await expect(fieldOf(cost).locator('.read-as')).toHaveText('= 120,000');
  await expect(cell(page, 'npv', 0)).toHaveText(money(figures({ ...desk, oneTime: 120000 }).npv));
  await cost.fill('1.2M');
  await expect(fieldOf(cost).locator('.read-as')).toHaveText('= 1,200,000');
  await expect(cell(page, 'npv', 0)).toHaveText(money(figures({ ...desk, oneTime: 1_200_000 }).npv));
  const hours = benefit(c, 1).getByLabel('Hours saved', { exact: true });
  await hours.fill('15*40');
  await expect(fieldOf(hours).locator('.read-as')).toHaveText('= 600');
  await expect(cell(page, 'npv', 0)).toHaveText(money(figures(withHours({ ...desk, oneTime: 1_200_000 }, 600)).npv));
  await hours.fill('(8+4)*52');
  await expect(cell(page, 'npv', 0)).toHaveText(money(figures(withHours({ ...desk, oneTime: 1_200_000 }, 624)).npv));
  // a plain number says nothing more
  await hours.fill('120,000');
  await expect(fieldOf(hours).locator('.read-as')).toBeHidden();
  // a division by zero is refused beside the field, and the text stays
  await hours.fill('10/0');
  await expect(messageOf(hours)).toContainText('divides by zero');
  await expect(hours).toHaveValue('10/0');
  // a range of such amounts
  await cost.fill('1.2M-2M');
  await expect(fieldOf(cost).locator('.range-note')).toHaveText(
    '90% range 1,200,000 to 2,000,000, likely 1,600,000',
  );
});
