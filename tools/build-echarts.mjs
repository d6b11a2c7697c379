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
