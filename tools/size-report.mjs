// Size budget of the first load: every file in dist/ (wasm, JS glue, CSS, chart library,
// index.html), raw, gzip -9 and brotli (quality 11), with totals.
// The persistence worker (persist*.js, persist_bg.wasm) is listed apart: the page starts it only
// when it first needs it (an edit, a link, a chart coming into view), never for the first paint.
// So is the workbook worker (workbook*), started only when an Excel workbook is asked for.
// So is the chart library (echarts.min.js): the page loads it when a chart first comes near the
// screen or the page is printed. The report also gives the first load plus the chart library,
// what a reader who scrolls to the charts has downloaded.
// The offline files (sw.js, the web app manifest, icons/) are listed apart too: the browser fetches
// them after the page has loaded. The service worker then downloads every file once (the worker's
// too) for offline use: the last line gives that total.
// Fails (exit 1) when the first-load gzip total is above the budget, or the first load plus the
// chart library is above its own budget.
//   node tools/size-report.mjs [--dir dist] [--budget-kb 400] [--with-charts-budget-kb 450]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = opt('--dir', 'dist');
const budgetKb = Number(opt('--budget-kb', '400'));
const chartsBudgetKb = Number(opt('--with-charts-budget-kb', 'Infinity'));
const kb = (n) => (n / 1000).toFixed(1).padStart(8);

const listed = (sub) =>
  readdirSync(join(dir, sub)).flatMap((f) => {
    if (f.startsWith('.')) return [];
    const rel = sub ? `${sub}/${f}` : f;
    return statSync(join(dir, rel)).isDirectory() ? listed(rel) : [rel];
  });
const files = listed('').sort();
const worker = (f) => /^persist[._]/.test(f);
// The workbook worker (workbook*.js, workbook_bg.wasm): started only when a workbook is asked for.
const workbook = (f) => /^workbook[._-]/.test(f);
const charts = (f) => f === 'echarts.min.js';
// The SVG renderer's bundle: loaded only when a chart is saved as SVG.
const svg = (f) => f === 'echarts-svg.min.js';
const lazy = (f) => worker(f) || workbook(f) || charts(f) || svg(f);
const offline = (f) => /^(sw\.js|manifest\.webmanifest|icons\/)/.test(f);
const sizes = (f) => {
  const data = readFileSync(join(dir, f));
  const b = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }).length;
  return [data.length, gzipSync(data, { level: 9 }).length, b];
};
const table = (title, names) => {
  const t = [0, 0, 0];
  for (const f of names) {
    const s = sizes(f);
    s.forEach((v, i) => (t[i] += v));
    console.log(`${f.padEnd(44)} ${kb(s[0])} ${kb(s[1])} ${kb(s[2])}`);
  }
  console.log(`${title.padEnd(44)} ${kb(t[0])} ${kb(t[1])} ${kb(t[2])}`);
  return t;
};
console.log(`size report for ${dir}/ (KB = 1000 bytes)`);
console.log(`${'asset'.padEnd(44)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
const [, gz] = table('total first load', files.filter((f) => !lazy(f) && !offline(f)));
if (files.some(lazy)) console.log('loaded when first needed (not part of the first load):');
const chartLib = files.filter(charts);
let withCharts = gz;
if (chartLib.length) {
  withCharts += table('total of the chart library', chartLib)[1];
  console.log(`${'first load + the chart library (gzip)'.padEnd(44)} ${' '.repeat(8)} ${kb(withCharts)}`);
}
const later = files.filter(worker);
if (later.length) table('total of the persistence worker', later);
if (files.some(svg)) table('the SVG renderer (chart images as SVG)', files.filter(svg));
const sheets = files.filter(workbook);
if (sheets.length) table('total of the workbook worker', sheets);
const after = files.filter(offline);
if (after.length) {
  console.log('offline use, fetched after the page has loaded (not part of the first load):');
  table('total of the offline files', after);
  const all = files.filter((f) => f !== 'sw.js').map(sizes).reduce((a, s) => a.map((v, i) => v + s[i]), [0, 0, 0]);
  console.log(`${'the service worker precaches, once'.padEnd(44)} ${kb(all[0])} ${kb(all[1])} ${kb(all[2])}`);
}
const check = (what, total, budget) => {
  const ok = total <= budget * 1000;
  console.log(`budget of the ${what}: ${budget} KB gzip — ${ok ? 'within' : 'OVER'} (${(total / 1000).toFixed(1)} KB, ${((total / (budget * 1000)) * 100).toFixed(0)}% of budget)`);
  return ok;
};
const ok = check('first load', gz, budgetKb);
const chartsOk = !Number.isFinite(chartsBudgetKb) || check('first load + chart library', withCharts, chartsBudgetKb);
process.exit(ok && chartsOk ? 0 : 1);
