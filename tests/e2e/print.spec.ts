// The board pack: what Print gives for the example with a range, in the order a TEI study is read,
// on A4 landscape pages; no chart on top of another or cut, axis labels of at least 7 pt; and the
// same from the browser's menu once the charts have been drawn.
import type { Page } from '@playwright/test';
import { test, expect } from './helpers';
import { card, open } from './locators';
import { EXAMPLE } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1440, height: 900 } });

/** Pages of a PDF: its page objects. */
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

async function withRange(page: Page) {
  await open(page);
  await card(page, EXAMPLE[0].name).getByLabel('One-time cost', { exact: true }).fill('60000-120000');
  await expect(page.getByTestId('sim-status')).toContainText('trials');
}

/** In the print layout, 277 mm wide (A4 landscape within 10 mm margins): each shown chart's box
 * and picture, the headings in order, and the chart's axis-label size in printed points. */
async function printLayout(page: Page) {
  await page.setViewportSize({ width: Math.round((277 * 96) / 25.4), height: 900 });
  await page.emulateMedia({ media: 'print' });
  // as the browser does before it lays the page out for print (page.pdf's event is over by now)
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.left, y: r.top + scrollY, w: r.width, h: r.height };
    };
    const figures = [...document.querySelectorAll('.chart-figure')].filter((f) => (f as HTMLElement).offsetParent !== null);
    return {
      figures: figures.map((f) => {
        // the picture drawn for print (a chart's screen canvas gives way to it)
        const pic = f.querySelector('canvas.print-picture') as HTMLCanvasElement | null;
        const size = (pic?.getBoundingClientRect().width ?? 0) / Number(pic?.dataset.width ?? 1);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const inst = (window as any).echarts?.getInstanceByDom(f.querySelector('.chart'));
        return {
          id: f.querySelector('.chart')!.id,
          box: box(f),
          picture: pic ? box(pic) : null,
          breakInside: getComputedStyle(f).breakInside,
          screenHidden: getComputedStyle(f.querySelector('.chart-wrap')!).display === 'none',
          // printed size of the axis labels: their pixels × the picture's scale × 0.75 pt/px
          labelPt: inst ? inst.getOption().xAxis[0].axisLabel.fontSize * size * 0.75 : null,
        };
      }),
      headings: [...document.querySelectorAll('h2')].filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => h.textContent),
      pageBreaks: [...document.querySelectorAll('section')].filter((s) => getComputedStyle(s).breakBefore === 'page').map((s) => s.querySelector('h2')?.textContent),
    };
  });
}

type Box = { x: number; y: number; w: number; h: number };
const overlap = (a: Box, b: Box) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;

function checkCharts(layout: Awaited<ReturnType<typeof printLayout>>, count: number) {
  const figs = layout.figures;
  expect(figs.map((f) => f.id)).toHaveLength(count);
  for (const f of figs) {
    expect(f.breakInside, f.id).toBe('avoid');
    expect(f.picture, `${f.id} is drawn for print`).not.toBeNull();
    expect(f.screenHidden, `${f.id}: its screen canvas gives way`).toBe(true);
    // the picture stays within its own box
    expect(inside(f.picture!, f.box), `${f.id}: picture ${JSON.stringify(f.picture)} in ${JSON.stringify(f.box)}`).toBe(true);
    expect(f.labelPt!, `${f.id} labels`).toBeGreaterThanOrEqual(7);
  }
  for (let i = 0; i < figs.length; i++)
    for (let j = i + 1; j < figs.length; j++)
      expect(overlap(figs[i].box, figs[j].box), `${figs[i].id} and ${figs[j].id} overlap`).toBe(false);
}

test('Print gives the board pack: summary, comparison, portfolio, charts, uncertainty, cash flows, assumptions; no chart overlaps another', async ({ page }) => {
  await withRange(page);
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', '1');
  });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', '1');
  // the four charts, the simulation's two, the portfolio's four, the NPV distribution and the
  // loss exceedance curve
  await expect(page.locator('.chart-figure.drawn canvas')).toHaveCount(12);
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  // summary and comparison (1–2 pages), the portfolio (2–3: its sentences and ranked list, its
  // four charts, the roadmap table), charts (2), uncertainty, distributions and risk (1), cash
  // flows (1–2), assumptions (2)
  expect(pages(pdf)).toBeGreaterThanOrEqual(9);
  expect(pages(pdf)).toBeLessThanOrEqual(15);
  // printed again, as the browser's menu prints (no Print button): the same pages
  expect(pages(await page.pdf({ format: 'A4', landscape: true }))).toBe(pages(pdf));

  const layout = await printLayout(page);
  expect(layout.headings).toEqual(['Summary', 'Comparison', 'Portfolio and roadmap', 'Charts', 'Uncertainty', 'Distributions and risk', 'Yearly cash flows', 'Assumptions register']);
  expect(layout.pageBreaks).toEqual(['Portfolio and roadmap', 'Charts', 'Distributions and risk', 'Yearly cash flows', 'Assumptions register']);
  checkCharts(layout, 12);
  // every cash-flow table and register is in the printed page, not only those opened
  await expect(page.getByTestId('tei').locator('table')).toHaveCount(EXAMPLE.length);
  await expect(page.getByTestId('register').locator('table')).toHaveCount(EXAMPLE.length);
});

test('printed from the browser menu, once the charts are drawn, it is the same board pack', async ({ page }) => {
  await withRange(page);
  // a few seconds after start every chart is drawn, on screen or not
  await expect(page.locator('.chart-figure.drawn canvas')).toHaveCount(12, { timeout: 20_000 });
  const pdf = await page.pdf({ format: 'A4', landscape: true }); // fires beforeprint and afterprint
  expect(pages(pdf)).toBeGreaterThanOrEqual(6);
  // the print pictures are gone after printing
  await expect(page.locator('canvas.print-picture')).toHaveCount(0);
  checkCharts(await printLayout(page), 12);
});
