// Layout at the sizes the decision-view issue names: at 1024 px no initiative card alone on a row,
// for any number of cards; at 390 px no chart's labels on top of one another.
import type { Page } from '@playwright/test';
import { test, expect } from './helpers';
import { card, open } from './locators';
import { EXAMPLE } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

/** Cards per row, top to bottom. */
async function rowsOfCards(page: Page): Promise<number[]> {
  return page.getByTestId('initiative-card').evaluateAll((cards) => {
    const rows = new Map<number, number>();
    for (const c of cards) {
      const top = Math.round(c.getBoundingClientRect().top + scrollY);
      rows.set(top, (rows.get(top) ?? 0) + 1);
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  });
}

test('at 1024 px no initiative card sits alone on a row, from 4 to 9 cards', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await open(page);
  await expect(page.getByTestId('initiative-card')).toHaveCount(4);
  // three fit a row: 4 cards as 2 + 2, not 3 + 1
  expect(await rowsOfCards(page)).toEqual([2, 2]);
  const want: Record<number, number[]> = { 5: [3, 2], 6: [3, 3], 7: [3, 2, 2], 8: [3, 3, 2], 9: [3, 3, 3] };
  for (let n = 5; n <= 9; n++) {
    await page.getByRole('button', { name: 'Add initiative' }).click();
    await expect(page.getByTestId('initiative-card')).toHaveCount(n);
    expect(await rowsOfCards(page), `${n} cards`).toEqual(want[n]);
  }
  // wider: four to a row, 5 cards as 3 + 2
  await page.setViewportSize({ width: 1440, height: 900 });
  for (let n = 9; n > 5; n--) await page.getByTestId('initiative-card').last().getByRole('button', { name: /^Remove/ }).click();
  await expect(page.getByTestId('initiative-card')).toHaveCount(5);
  expect(await rowsOfCards(page)).toEqual([3, 2]);
});

test('at 390 px no two labels of a chart overlap', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  await card(page, EXAMPLE[0].name).getByLabel('One-time cost', { exact: true }).fill('60000-120000');
  // the comparison's four, the simulation's two and the portfolio's four; the NPV distribution
  // and the loss exceedance curve
  await expect(page.locator('.chart-figure.drawn canvas')).toHaveCount(12, { timeout: 20_000 });
  const found = await page.evaluate(() => {
    const out: Record<string, { texts: number; overlapping: string[] }> = {};
    for (const el of document.querySelectorAll('.chart')) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const inst = (window as any).echarts.getInstanceByDom(el);
      if (!inst) continue;
      // every text echarts draws (axis labels, names), as placed on the canvas
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const texts: [string, any][] = [];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      inst.getZr().storage.getDisplayList(true).forEach((d: any) => {
        if ((d.type === 'text' || d.type === 'tspan') && !d.ignore && !d.invisible && d.style?.text) {
          const r = d.getBoundingRect().clone();
          r.applyTransform(d.getComputedTransform());
          texts.push([d.style.text, r]);
        }
      });
      const overlapping: string[] = [];
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) {
          const [a, b] = [texts[i][1], texts[j][1]];
          if (a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1)
            overlapping.push(`${texts[i][0]} / ${texts[j][0]}`);
        }
      out[el.id] = { texts: texts.length, overlapping };
    }
    return out;
  });
  for (const [id, f] of Object.entries(found)) {
    expect(f.overlapping, id).toEqual([]);
  }
  // the four charts, the distribution, the NPV curve and the loss curve have their labels (the tornado of an initiative
  // without a range has none)
  for (const id of ['chart-value-by-driver', 'chart-cumulative', 'chart-value-effort', 'chart-scores', 'chart-distribution', 'chart-npv-curve', 'chart-loss'])
    expect(found[id].texts, id).toBeGreaterThan(4);
});
