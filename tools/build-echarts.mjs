#!/usr/bin/env node
// Builds the custom ECharts bundle (tools/echarts-entry.mjs) into
// vendor/echarts.min.js: a minified classic IIFE script defining the global
// `echarts`. esbuild bundles and tree-shakes; terser minifies (two compress passes, safe
// options only), which gives a smaller bundle than esbuild's own minifier. Skips the build when the output is newer than both
// package-lock.json and the entry file. Pass --force to always rebuild.
//
// Usage: node tools/build-echarts.mjs [--force]

import { build } from 'esbuild';
import { minify } from 'terser';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants as zc } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'package-lock.json');
// The chart bundle, and the SVG renderer's bundle loaded only for chart images saved as SVG.
const BUNDLES = [
  { entry: join(root, 'tools', 'echarts-entry.mjs'), outfile: join(root, 'vendor', 'echarts.min.js'), globalName: 'echarts' },
  { entry: join(root, 'tools', 'echarts-svg-entry.mjs'), outfile: join(root, 'vendor', 'echarts-svg.min.js'), globalName: 'echartsSvg' },
];
const force = process.argv.includes('--force');

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rel = (p) => relative(process.cwd(), p) || p;

if (!existsSync(join(root, 'node_modules', 'echarts', 'package.json'))) {
  console.error('echarts is not installed: run `npm ci` first');
  process.exit(1);
}

if (
  !force &&
  BUNDLES.every(
    ({ entry, outfile }) =>
      existsSync(outfile) &&
      mtime(outfile) > Math.max(mtime(lockfile), mtime(entry), mtime(fileURLToPath(import.meta.url))),
  )
) {
  console.log(`echarts bundles up to date (${BUNDLES.map((b) => rel(b.outfile)).join(', ')})`);
  process.exit(0);
}

// Parts of echarts' core that Caseboard's charts never reach, replaced by stand-ins. Each is safe for the options `src/chart_spec.rs` builds, and the Playwright chart tests
// (values, tooltips, printing) run against this bundle:
//  - the Chinese UI strings (only toolbox, data zoom and aria texts use them): English instead;
//  - the preprocessor that upgrades echarts 2/3-style options (`itemStyle.normal` …): the options
//    are written in the current form;
//  - the time and log scales: no chart has a time or logarithmic axis;
//  - the default loading animation (`showLoading` is never called);
//  - the echarts 4 selection events kept for old pie and map charts.
const STAND_INS = {
  'i18n/langZH.js': "export { default } from './langEN.js';",
  'preprocessor/backwardCompat.js': 'export default function backwardCompat() {}',
  'scale/Time.js':
    'export default class TimeScale {}\nexport function calcNiceForTimeScale() {}',
  'scale/Log.js': 'export default class LogScale {}',
  'loading/default.js': 'export default function defaultLoading() {}',
  // The dark theme, with only what these charts draw: text, value and category axes, lines.
  // (The full theme also styles legends, tooltips, maps, gauges and more.)
  'theme/dark.js': [
    "import tokens from '../visual/tokens.js';",
    'var color = tokens.darkColor;',
    'function axis() { return {',
    '  axisLine: { lineStyle: { color: color.axisLine } },',
    '  splitLine: { lineStyle: { color: color.axisSplitLine } },',
    '  splitArea: { areaStyle: { color: [color.backgroundTint, color.backgroundTransparent] } },',
    '  minorSplitLine: { lineStyle: { color: color.axisMinorSplitLine } },',
    '  axisLabel: { color: color.axisLabel },',
    '  axisName: {},',
    '}; }',
    'var category = axis();',
    'category.splitLine.show = false;',
    'export default { darkMode: true, color: color.theme, backgroundColor: color.background,',
    '  textStyle: { color: color.secondary }, valueAxis: axis(), categoryAxis: category,',
    "  line: { symbol: 'circle' } };",
  ].join('\n'),
  // Labels of polar bars, echarts' own tooltips (Caseboard's are HTML), ticks aligned across
  // several value axes (`alignTicks`): none of them here.
  'label/sectorLabel.js':
    'export function createSectorCalculateTextPosition() { return function () {}; }\n' +
    'export function setSectorTextRotation() {}',
  'component/tooltip/seriesFormatTooltip.js': 'export function defaultSeriesFormatTooltip() { return null; }',
  'coord/axisAlignTicks.js': 'export function scaleCalcAlign() {}',
  // Down-sampling, only when a series sets `sampling`; none does.
  'processor/dataSample.js':
    'export default function dataSample(seriesType) { return { seriesType, reset() {} }; }',
  // Date formatting for time axes and `{yyyy}` templates; the charts have neither (the time
  // scale is a stand-in above). `pad` is kept as it was.
  'util/time.js':
    "export function pad(str, len) { str += ''; return '0000'.substr(0, len - str.length) + str; }\n" +
    "export function format() { return ''; }\n" +
    'export function parseTimeAxisLabelFormatter(formatter) { return formatter; }\n' +
    'export function roundTime(date) { return date; }',
  'legacy/dataSelectAction.js':
    'export function createLegacyDataSelectAction() {}\nexport function handleLegacySelectEvents() {}',
};
// zrender's own modules, by path under zrender/lib.
const ZRENDER_STAND_INS = {
  // Timsort for the display list and processor priorities: the browser's own sort is stable
  // (ES2019), and every call sorts a whole array.
  'core/timsort.js': 'export default function sort(array, compare) { array.sort(compare); }',
  // Touch gestures (pinch), dragging, rounded sectors: nothing here pinches, drags or draws a
  // pie or polar bar.
  'core/GestureMgr.js': 'export class GestureMgr { clear() { return this; } recognize() {} }',
  'mixin/Draggable.js': 'export default function Draggable() {}',
  'graphic/helper/roundSector.js': 'export function buildPath() {}',
  // Only the easings echarts' defaults name (linear, cubic, quintic in-out, exponential out);
  // a name not here falls back to zrender's cubic-bezier parser, then to no easing.
  'animation/easing.js': [
    'export default {',
    '  linear: function (k) { return k; },',
    '  cubicIn: function (k) { return k * k * k; },',
    '  cubicOut: function (k) { return --k * k * k + 1; },',
    '  cubicInOut: function (k) { return (k *= 2) < 1 ? 0.5 * k * k * k : 0.5 * ((k -= 2) * k * k + 2); },',
    '  quinticInOut: function (k) { return (k *= 2) < 1 ? 0.5 * k * k * k * k * k : 0.5 * ((k -= 2) * k * k * k * k + 2); },',
    '  exponentialOut: function (k) { return k === 1 ? 1 : 1 - Math.pow(2, -10 * k); },',
    '};',
  ].join('\n'),
};
// Which stand-ins replaced a module: one that replaced nothing means echarts or zrender moved
// or renamed that module, and the build fails rather than silently keep the full module.
const used = new Set();
const standIns = {
  name: 'caseboard-stand-ins',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/]zrender[\\/]lib[\\/].*\.js$/ }, (args) => {
      const rel = args.path.split(/[\\/]zrender[\\/]lib[\\/]/).pop().replace(/\\/g, '/');
      const text = ZRENDER_STAND_INS[rel];
      if (text !== undefined) used.add(`zrender/lib/${rel}`);
      return text === undefined ? undefined : { contents: text, resolveDir: dirname(args.path), loader: 'js' };
    });
    b.onLoad({ filter: /node_modules[\\/]echarts[\\/]lib[\\/].*\.js$/ }, (args) => {
      const rel = args.path.split(/[\\/]echarts[\\/]lib[\\/]/).pop().replace(/\\/g, '/');
      const text = STAND_INS[rel];
      if (text !== undefined) used.add(`echarts/lib/${rel}`);
      return text === undefined ? undefined : { contents: text, resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};

for (const { entry, outfile, globalName } of BUNDLES) {
  mkdirSync(dirname(outfile), { recursive: true });
  const started = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    write: false,
    outfile,
    bundle: true,
    minify: false,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'es2019',
    legalComments: 'none',
    // ECharts guards its dev-only checks/warnings with process.env.NODE_ENV;
    // `process` does not exist in the browser, so it must be replaced.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    plugins: [standIns],
  });
  if (result.errors.length) process.exit(1);
  const minified = await minify(result.outputFiles[0].text, {
    compress: { passes: 2 },
    mangle: true,
    ecma: 2019,
    format: { comments: false },
  });
  writeFileSync(outfile, minified.code);
  const code = readFileSync(outfile);
  if (!/\binit\b/.test(code.toString('utf8'))) {
    console.error(`${rel(outfile)} does not look like an echarts bundle (no "init")`);
    process.exit(1);
  }
  const gz = gzipSync(code, { level: zc.Z_BEST_COMPRESSION }).length;
  console.log(
    `built ${rel(outfile)} in ${Date.now() - started} ms: ${kb(code.length)} raw, ${kb(gz)} gzip -9`,
  );
}
// Which stand-ins replaced a module in either bundle: one that replaced nothing means echarts or
// zrender moved or renamed that module.
const unused = [
  ...Object.keys(ZRENDER_STAND_INS).map((k) => `zrender/lib/${k}`),
  ...Object.keys(STAND_INS).map((k) => `echarts/lib/${k}`),
].filter((k) => !used.has(k));
if (unused.length) {
  console.error(`these stand-ins replaced nothing (the module is gone, renamed or no longer reached): ${unused.join(', ')}; update tools/build-echarts.mjs`);
  process.exit(1);
}
