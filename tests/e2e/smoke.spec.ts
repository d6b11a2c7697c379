import { test, expect } from './helpers';

// Smoke test of the release build: static shell, wasm mount, example data,
// and the custom ECharts bundle served from the same origin. The page guards
// in ./helpers fail the test on console/page errors or cross-origin requests.

test('shell loads, wasm app mounts with the built-in example', async ({ page }) => {
  // './' resolves against baseURL (…/tools/caseboard/), exercising the sub-path.
  const response = await page.goto('./');
  expect(response?.ok(), `GET ./ -> ${response?.status()}`).toBe(true);
  expect(new URL(page.url()).pathname).toBe('/tools/caseboard/');

  // Static shell (present before the wasm runs).
  await expect(page.getByRole('heading', { level: 1, name: 'Caseboard' })).toBeVisible();

  // The wasm app has mounted.
  await expect(page.getByTestId('app-ready')).toBeAttached({ timeout: 20_000 });

  // Comparison table: the built-in example has 4 initiatives, one column each.
  const table = page.getByTestId('comparison');
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveCount(5);
  await expect(table.locator('thead th[data-col="0"]')).toContainText('Service desk workflow automation');
  await expect(page.getByTestId('initiative-card')).toHaveCount(4);

  // The chart library is not part of the first load: no request for it until a chart comes
  // near the screen, then it loads from this origin and defines the global.
  const echartsApi = () =>
    page.evaluate(() => {
      const e = (window as unknown as { echarts?: Record<string, unknown> }).echarts;
      return e === undefined ? null : { init: typeof e.init };
    });
  expect(await echartsApi(), 'echarts before any chart is near the screen').toBeNull();
  expect(
    await page.evaluate(() =>
      performance.getEntriesByType('resource').some((r) => r.name.endsWith('/echarts.min.js')),
    ),
    'echarts.min.js requested at start-up',
  ).toBe(false);
  const library = page.waitForResponse((r) => r.url().endsWith('/tools/caseboard/echarts.min.js'));
  await page.getByTestId('chart-value-by-driver').scrollIntoViewIfNeeded();
  expect((await library).ok()).toBe(true);
  await expect.poll(echartsApi).toEqual({ init: 'function' });
  await expect(page.locator('.chart-figure.drawn').first()).toBeAttached();
});

test.describe('without the chart library', () => {
  // the browser reports the aborted request
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });
  test('a chart library that cannot be loaded: each chart says so and shows its data table', async ({ page }) => {
  await page.route('**/echarts.min.js', (route) => route.abort());
  await page.goto('./');
  await expect(page.getByTestId('app-ready')).toBeAttached({ timeout: 20_000 });
  const figure = page.locator('figure', { has: page.getByTestId('chart-value-by-driver') });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('.hint')).toHaveText(
    'Charts are unavailable; the data table below has the same numbers.',
  );
  await expect(figure.locator('details.chart-data')).toHaveJSProperty('open', true);
  // the table has the worker's rows: one per initiative of the built-in example
  await expect(figure.locator('details.chart-data tbody tr')).toHaveCount(4);
});
});
