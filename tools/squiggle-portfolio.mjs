#!/usr/bin/env node
// The benchmark's anchor (issue 18): the 20-initiative model of `simulate::benchmark_scenario(20)`
// in Squiggle (npm @quri/squiggle-lang, under Node) against Caseboard's own simulation of it, at
// the same sample count. The Squiggle code is generated from the scenario by
// examples/squiggle_portfolio.rs, so both run the same model; the script prints both times, the
// ratio, and checks that the 20 NPV means agree within sampling error (an independent check of
// both the engine and the generated model).
//   node tools/squiggle-portfolio.mjs [samples] [--caseboard-ms X]     (default 10000)
// --caseboard-ms X: the ratio uses X (say, Caseboard's time in the browser worker) instead of
// the native time; the native run still supplies Caseboard's figures for the check.
import { run, defaultEnvironment } from '@quri/squiggle-lang';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
let samples = 10000;
let givenMs = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--caseboard-ms') givenMs = Number(args[++i]);
  else if (args[i].startsWith('--caseboard-ms=')) givenMs = Number(args[i].split('=')[1]);
  else samples = Number(args[i]);
}
if (!(samples >= 1) || (givenMs !== null && !(givenMs > 0))) {
  console.error('usage: node tools/squiggle-portfolio.mjs [samples] [--caseboard-ms X]');
  process.exit(2);
}

const example = (...rest) =>
  execFileSync(
    'cargo',
    ['run', '--locked', '--quiet', '--profile', 'bench', '--example', 'squiggle_portfolio', ...rest],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );

const code = example();
// best of three, as the machine is shared (Squiggle's seed is fixed: every run is the same work)
let squiggleMs = Infinity;
let rows;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = await run(code, { environment: { ...defaultEnvironment, sampleCount: samples } });
  const ms = performance.now() - t;
  squiggleMs = Math.min(squiggleMs, ms);
  if (!r.result.ok) throw new Error(String(r.result.value));
  rows = r.result.value.result.asJS();
  console.error(`  (Squiggle run ${i + 1} of 3: ${ms.toFixed(0)} ms)`);
}
const cb = JSON.parse(example('run', String(samples)).trim().split('\n').pop());
const n = cb.means.length;
if (rows.length !== n) throw new Error(`Squiggle gave ${rows.length} initiatives, Caseboard ${n}`);

// Agreement of the means: each difference in units of its standard error, from both sides'
// standard deviations (Squiggle's `stdev`, Caseboard's over its trials).
const z = rows.map(([mean, , , , sd], k) => {
  const se = Math.sqrt((sd * sd) / samples + (cb.sd[k] * cb.sd[k]) / cb.trials);
  return Math.abs(mean - cb.means[k]) / se;
});
const worst = z.reduce((w, v, k) => (v > z[w] ? k : w), 0);
// At the likely values no sampling enters: the generated formulas must give Caseboard's own
// deterministic NPVs to rounding.
const rel = rows.map((r, k) => Math.abs(r[5] - cb.likely[k]) / Math.max(1, Math.abs(cb.likely[k])));
const worstRel = Math.max(...rel);

const k$ = (v) => `${(v / 1000).toFixed(1)}k`.padStart(9);
const ms = (v) => `${v.toFixed(1)} ms`;
const caseboardMs = givenMs ?? cb.ms;
console.log(`20-initiative portfolio (benchmark_scenario(${n}), 5 years, ${samples} samples):`);
console.log(`  Squiggle (@quri/squiggle-lang, Node, best of 3): ${ms(squiggleMs)}`);
console.log(`  Caseboard native simulate (best of 3, ${cb.trials} trials): ${ms(cb.ms)}`);
if (givenMs !== null) console.log(`  Caseboard given by --caseboard-ms: ${ms(givenMs)}`);
console.log(
  `  Caseboard (${givenMs !== null ? 'given by --caseboard-ms' : 'native'}) is ` +
    `${(squiggleMs / caseboardMs).toFixed(0)}× faster than Squiggle`,
);
console.log('  NPV by initiative        Squiggle: mean      P10      P50      P90 | Caseboard: mean      P10      P50      P90 |  diff/se');
rows.forEach(([mean, p10, p50, p90], k) => {
  console.log(
    `  ${cb.names[k].slice(0, 38).padEnd(38)} ${k$(mean)}${k$(p10)}${k$(p50)}${k$(p90)} |` +
      `          ${k$(cb.means[k])}${k$(cb.p10[k])}${k$(cb.p50[k])}${k$(cb.p90[k])} | ${z[k].toFixed(2).padStart(8)}`,
  );
});
console.log(
  `  Means: largest difference ${z[worst].toFixed(2)} standard errors (${cb.names[worst]}); ` +
    `at the likely values the largest relative difference is ${worstRel.toExponential(1)}`,
);
if (z[worst] > 4 || worstRel > 1e-9) {
  console.log('');
  console.log('  !!! THE MODELS DISAGREE: Squiggle and Caseboard are not running the same model.');
  console.log('  !!! The generated Squiggle code (examples/squiggle_portfolio.rs) differs from');
  console.log('  !!! Caseboard\'s simulation; the ratio above compares different work.');
  process.exitCode = 1;
} else {
  console.log('  The means agree within sampling error (all within 4 standard errors): the same model.');
}
