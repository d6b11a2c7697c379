#!/usr/bin/env node
// Renders the app's PNG icons from the SVGs in static/icons/ with headless Chromium (Playwright's
// library, Debian's /usr/bin/chromium). The PNGs are committed; run this only after changing an SVG.
//   node tools/make-icons.mjs
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const dir = new URL('../static/icons/', import.meta.url);
const jobs = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['maskable.svg', 'maskable-512.png', 512],
  ['maskable.svg', 'apple-touch-icon.png', 180],
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
try {
  for (const [svg, png, size] of jobs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = readFileSync(new URL(svg, dir), 'utf8');
    await page.setContent(
      `<body style="margin:0;background:transparent"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(src).toString('base64')}"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: new URL(png, dir).pathname, omitBackground: true });
    await page.close();
    console.log(`static/icons/${png}: ${size}×${size}`);
  }
} finally {
  await browser.close();
}
