// Chart images: each drawn chart downloads as a PNG at twice its pixels and as an SVG, each with the
// chart's title above the picture.
import { readFileSync } from 'node:fs';
import { test, expect } from './helpers';
import { open } from './locators';
import { EXAMPLE } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const TITLE = 'Annual value by driver (at full adoption)';

test('a chart downloads as PNG (2×) and as SVG, with its title', async ({ page, browser }) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await open(page);
  const chart = page.getByTestId('chart-value-by-driver');
  await chart.scrollIntoViewIfNeeded();
  const figure = page.locator('figure.drawn', { has: chart });
  await expect(figure).toHaveCount(1);
  const size = await chart.evaluate((el) => ({ w: el.clientWidth, h: el.clientHeight }));

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    figure.getByRole('button', { name: `Download “${TITLE}” as PNG` }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('annual-value-by-driver-at-full-adoption.png');
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // IHDR: width and height, big-endian, at bytes 16 and 20: twice the chart, and a title band
  // of 36 px above it
  expect(bytes.readUInt32BE(16)).toBe(size.w * 2);
  expect(bytes.readUInt32BE(20)).toBe((size.h + 36) * 2);

  // the SVG renderer is loaded only now
  expect(asked.some((u) => u.endsWith('/echarts-svg.min.js'))).toBe(false);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    figure.getByRole('button', { name: `Download “${TITLE}” as SVG` }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe('annual-value-by-driver-at-full-adoption.svg');
  expect(asked.some((u) => u.endsWith('/tools/caseboard/echarts-svg.min.js'))).toBe(true);
  const text = readFileSync((await svg.path())!, 'utf8');
  // well-formed XML, with the title and the chart's own labels as text (read in a blank page: the
  // app's Content-Security-Policy refuses the inline styles of a parsed SVG, as it should)
  const blank = await browser.newPage();
  const parsed = await blank.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      texts: [...doc.querySelectorAll('text')].map((n) => n.textContent),
      width: doc.documentElement.getAttribute('width'),
      height: doc.documentElement.getAttribute('height'),
    };
  }, text);
  await blank.close();
  expect(parsed.error).toBeNull();
  expect(parsed.texts[0]).toBe(TITLE);
  expect(parsed.width).toBe(String(size.w));
  expect(parsed.height).toBe(String(size.h + 36));
  // the axis of initiatives (names shortened to fit) and the money axis
  expect(parsed.texts.some((t) => t!.startsWith(EXAMPLE[0].name.slice(0, 12)))).toBe(true);
  expect(parsed.texts).toContain('$0');
});
