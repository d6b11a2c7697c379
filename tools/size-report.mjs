// Size budget of the first load: every file in dist/ (wasm, JS glue, CSS, chart library,
// index.html), raw, gzip -9 and brotli (quality 11), with totals.
// Fails (exit 1) when the gzip total is above the budget.
//   node tools/size-report.mjs [--dir dist] [--budget-kb 400]
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
const kb = (n) => (n / 1000).toFixed(1).padStart(8);

const files = readdirSync(dir)
  .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile())
  .sort();
let raw = 0, gz = 0, br = 0;
console.log(`size report for ${dir}/ (KB = 1000 bytes)`);
console.log(`${'asset'.padEnd(44)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
for (const f of files) {
  const data = readFileSync(join(dir, f));
  const g = gzipSync(data, { level: 9 }).length;
  const b = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }).length;
  raw += data.length; gz += g; br += b;
  console.log(`${f.padEnd(44)} ${kb(data.length)} ${kb(g)} ${kb(b)}`);
}
console.log(`${'total first load'.padEnd(44)} ${kb(raw)} ${kb(gz)} ${kb(br)}`);
const ok = gz <= budgetKb * 1000;
console.log(`budget: ${budgetKb} KB gzip — ${ok ? 'within' : 'OVER'} (${(gz / 1000).toFixed(1)} KB, ${((gz / (budgetKb * 1000)) * 100).toFixed(0)}% of budget)`);
process.exit(ok ? 0 : 1);
