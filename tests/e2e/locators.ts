// Where things are on the page, as a user finds them: shared by the Playwright specs.
import { expect, type Locator, type Page } from '@playwright/test';

export const table = (page: Page) => page.getByTestId('comparison');
/** The figure shown in row `row` for initiative `col` (0-based, in the scenario's order; the
 * columns themselves stand in the order of the ranking). */
export const cell = (page: Page, row: string, col: number) =>
  table(page).locator(`tr[data-row="${row}"] td[data-col="${col}"]`).locator('summary .value');
/** The column head of initiative `col` (0-based, in the scenario's order). */
export const head = (page: Page, col: number) => table(page).locator(`thead th[data-col="${col}"]`);
export const card = (page: Page, name: string) => page.getByRole('article', { name, exact: true });
export const benefit = (c: Locator, n: number) => c.getByRole('group', { name: new RegExp(`^Benefit ${n}:`) });
/** The message shown beside an input. */
export const messageOf = (input: Locator) =>
  input.locator('xpath=ancestor::div[contains(@class,"field")][1]').locator('.field-msg');
/** The notice about saving, links and files. */
export const notice = (page: Page) => page.getByTestId('notice');

/** Opens the app at `path` (relative to the base URL) and waits for the comparison. */
export async function open(page: Page, path = './') {
  await page.goto(path);
  await expect(table(page)).toBeVisible();
}

/** Every figure of the comparison table, row by row, each row in the scenario's order of the
 * initiatives (the columns themselves stand in rank order, and settle there after edits). */
export async function allFigures(page: Page): Promise<string[]> {
  return table(page)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.flatMap((tr) =>
        [...tr.querySelectorAll('td[data-col]')]
          .sort((a, b) => Number(a.getAttribute('data-col')) - Number(b.getAttribute('data-col')))
          .map((td) => (td.querySelector('summary .value') as HTMLElement | null)?.innerText ?? ''),
      ),
    );
}

/** Moves the mouse to data coordinates `[x, y]` of a chart (echarts converts them to pixels). */
export async function hoverChart(page: Page, id: string, point: [number, number]) {
  const chart = page.getByTestId(id);
  await chart.scrollIntoViewIfNeeded();
  // drawn: echarts has the option (built by the worker)
  await expect(page.locator('figure.drawn', { has: chart })).toHaveCount(1);
  const px = await chart.evaluate((el, p) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const inst = (window as any).echarts.getInstanceByDom(el);
    return inst.convertToPixel('grid', p) as [number, number];
  }, point);
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + px[0], box.y + px[1]);
}
