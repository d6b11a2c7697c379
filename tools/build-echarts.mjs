#!/usr/bin/env node
// Builds the custom ECharts bundle (tools/echarts-entry.mjs) into
// vendor/echarts.min.js: a minified classic IIFE script defining the global
// `echarts`. esbuild bundles and tree-shakes; terser minifies (two compress passes, safe
// options only), which is about 7 KB gzip smaller than esbuild's own minifier on this bundle. Skips the build when the output is newer than both
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
const entry = join(root, 'tools', 'echarts-entry.mjs');
const lockfile = join(root, 'package-lock.json');
const outfile = join(root, 'vendor', 'echarts.min.js');
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
  existsSync(outfile) &&
  mtime(outfile) > Math.max(mtime(lockfile), mtime(entry), mtime(fileURLToPath(import.meta.url)))
) {
  console.log(`echarts bundle up to date (${rel(outfile)})`);
  process.exit(0);
}

// Parts of echarts' core that Caseboard's charts never reach, replaced by stand-ins (about 3 KB
// gzip). Each is safe for the options `src/chart_spec.rs` builds, and the Playwright chart tests
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
  'legacy/dataSelectAction.js':
    'export function createLegacyDataSelectAction() {}\nexport function handleLegacySelectEvents() {}',
};
const standIns = {
  name: 'caseboard-stand-ins',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/]echarts[\\/]lib[\\/].*\.js$/ }, (args) => {
      const rel = args.path.split(/[\\/]echarts[\\/]lib[\\/]/).pop().replace(/\\/g, '/');
      const text = STAND_INS[rel];
      return text === undefined ? undefined : { contents: text, resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};

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
  globalName: 'echarts',
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
