#!/usr/bin/env node
// The same NPV model in Squiggle (npm @quri/squiggle-lang, under Node) and in Caseboard's engine
// (native, examples/squiggle_model.rs), at the same sample count: prints both times, the ratio,
// and both results (which must agree within sampling error: an independent check of the engine).
//   node tools/squiggle-bench.mjs [samples]        (default 10000)
import { run, defaultEnvironment } from '@quri/squiggle-lang';
import { execFileSync } from 'node:child_process';

const samples = Number(process.argv[2] || 10000);
const code = `pert(lo, mode, hi) = lo + (hi - lo) * beta(1 + 4 * (mode - lo) / (hi - lo), 1 + 4 * (hi - mode) / (hi - lo))
hours = pert(150, 200, 300)
rate = pert(55, 65, 90)
oneTime = pert(60000, 80000, 130000)
delivery = pert(2, 3, 6)
mr = 1.1 ^ (1 / 12) - 1
npvOf(h, r, c, d) = {
  annual = h * 12 * r * 0.8 * 0.75
  List.reduce(List.upTo(1, 36), -c, {|acc, m| acc + (annual / 12 * 0.9 * max([0, min([1, (m - d) / 3])]) - 12000 / 12) / (1 + mr) ^ m})
}
npv = SampleSet.mapN([hours, rate, oneTime, delivery], {|xs| npvOf(xs[0], xs[1], xs[2], xs[3])})
[mean(npv), quantile(npv, 0.1), quantile(npv, 0.5), quantile(npv, 0.9)]`;

// best of three, as the machine is shared
let squiggleMs = Infinity;
let values;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = await run(code, { environment: { ...defaultEnvironment, sampleCount: samples } });
  squiggleMs = Math.min(squiggleMs, performance.now() - t);
  if (!r.result.ok) throw new Error(String(r.result.value));
  values = JSON.parse(r.result.value.result.toString());
}
const out = execFileSync(
  'cargo',
  ['run', '--locked', '--quiet', '--profile', 'bench', '--example', 'squiggle_model', '--', String(samples)],
  { encoding: 'utf8' },
);
const cb = JSON.parse(out.trim().split('\n').pop());
const [mean, p10, p50, p90] = values;
const k = (v) => `${(v / 1000).toFixed(1)}k`;
console.log(`NPV model, ${samples} samples:`);
console.log(`  Squiggle ${squiggleMs.toFixed(1)} ms: mean ${k(mean)}, P10 ${k(p10)}, P50 ${k(p50)}, P90 ${k(p90)}`);
console.log(`  Caseboard ${cb.ms.toFixed(1)} ms: mean ${k(cb.mean)}, P10 ${k(cb.p10)}, P50 ${k(cb.p50)}, P90 ${k(cb.p90)}`);
console.log(`  Caseboard is ${(squiggleMs / cb.ms).toFixed(0)}× faster; means differ by ${(((cb.mean - mean) / mean) * 100).toFixed(2)}%`);
