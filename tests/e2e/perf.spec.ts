import { test, expect } from './helpers';

// Benchmark, not a gate: what one keystroke costs with 20 initiatives. It types into a benefit of
// the first card 30 times, 100 ms apart, records a Chromium performance trace, and adds up the
// main thread's tasks after each keystroke (script, style and layout, paint) until the next one.
// One frame at 60 Hz is 16.7 ms. It also prints when the NPV cell shows the new figure.
test.use({ locale: 'en-US' });

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };

test('per-keystroke update with 20 initiatives', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const duplicate = page.getByRole('button', { name: 'Duplicate Service desk workflow automation', exact: true });
  while ((await page.getByTestId('initiative-card').count()) < 20) await duplicate.click();
  await expect(page.getByTestId('comparison').locator('thead th')).toHaveCount(21);
  // Until the page is idle (charts redrawn, drafts saved), not for a fixed time.
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null), { timeout: 5000 })));

  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  const updates: number[] = await page.evaluate(async () => {
    const input = document
      .querySelector('[data-testid=initiative-card] [data-testid=benefit]')!
      .querySelector('input[inputmode=decimal]') as HTMLInputElement;
    // the edited initiative's NPV (the columns stand in rank order; data-col is its place in the scenario)
    const npv = () => document.querySelector('[data-testid=comparison] tr[data-row="npv"] td[data-col="0"] .value')!.textContent;
    const out: number[] = [];
    for (let k = 0; k < 30; k++) {
      await new Promise((r) => setTimeout(r, 100));
      const before = npv();
      performance.mark(`key-${k}`);
      const t0 = performance.now();
      input.value = String(200 + k + 1);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // the update runs in the event and the microtasks after it
      for (let i = 0; i < 1000 && npv() === before; i++) await Promise.resolve();
      while (npv() === before) await new Promise((r) => setTimeout(r, 0));
      out.push(performance.now() - t0);
    }
    await new Promise((r) => setTimeout(r, 100));
    performance.mark('key-end');
    return out;
  });
  const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents;

  // The page's main thread: where the first mark is (with a service worker there is more than
  // one renderer thread named CrRendererMain, and the first listed need not be the page's).
  const main = events.find((e) => e.name === 'key-0')!;
  expect(main, 'the first keystroke mark in the trace').toBeTruthy();
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const marks = onMain
    .filter((e) => e.name.startsWith('key-') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'))
    .sort((a, b) => a.ts - b.ts);
  expect(marks.length, 'keystroke marks in the trace').toBe(31);
  // time covered by events of these names, nested ones counted once
  const sum = (names: string[], from: number, to: number) => {
    const xs = onMain
      .filter((e) => e.ph === 'X' && names.includes(e.name) && e.ts >= from && e.ts < to)
      .sort((x, y) => x.ts - y.ts);
    let total = 0;
    let end = -Infinity;
    for (const e of xs) {
      const stop = e.ts + (e.dur ?? 0);
      if (e.ts >= end) total += stop - e.ts;
      else if (stop > end) total += stop - end;
      end = Math.max(end, stop);
    }
    return total / 1000;
  };
  const per = marks.slice(0, -1).map((m, i) => {
    const [from, to] = [m.ts, marks[i + 1].ts];
    return {
      total: sum(['RunTask'], from, to),
      script: sum(['FunctionCall', 'EventDispatch', 'TimerFire', 'RunMicrotasks', 'FireAnimationFrame'], from, to),
      layout: sum(['UpdateLayoutTree', 'Layout'], from, to),
      paint: sum(['PrePaint', 'Paint', 'Layerize', 'Commit'], from, to),
    };
  });
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1);
  };
  const f = (k: keyof (typeof per)[number]) => `${q(per.map((x) => x[k]), 0.5)} ms (p95 ${q(per.map((x) => x[k]), 0.95)})`;
  console.log(
    `per-keystroke, 20 initiatives: main-thread work ${f('total')} — script ${f('script')}, style+layout ${f('layout')}, ` +
      `paint ${f('paint')}; NPV on screen after ${q(updates, 0.5)} ms (p95 ${q(updates, 0.95)}); ${per.length} keystrokes; ` +
      `one frame = 16.7 ms; charts follow 120 ms after typing pauses`,
  );
  expect(per.length).toBe(30);
});

test('Monte Carlo in the worker: 20 initiatives × 10,000 and 100,000 trials', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  // The worker the page uses, started on its own: the run is timed inside it.
  const runs: { ms: number; trials: number; initiatives: number; evpi: number; p10: number; p90: number }[] =
    await page.evaluate(async () => {
      const worker = new Worker('./persist_loader.js');
      const replies: Record<number, (v: unknown) => void> = {};
      await new Promise<void>((ready) => {
        worker.onmessage = (e) => {
          if (e.data.ready) return ready();
          if (e.data.progress !== undefined) return; // a long run's progress, before its reply
          replies[e.data.id]?.(e.data);
        };
      });
      const ask = (id: number, trials: number) =>
        new Promise<{ ms: number; trials: number; initiatives: { npv: number[] }[]; evpi: number }>((done) => {
          replies[id] = done as (v: unknown) => void;
          worker.postMessage({ id, op: 'bench-simulate', initiatives: 20, trials });
        });
      const out = [];
      // six runs of 10,000 trials (the first warms up), then three of 100,000
      for (let id = 1; id <= 9; id++) {
        const r = await ask(id, id <= 6 ? 10000 : 100000);
        out.push({ ms: r.ms, trials: r.trials, initiatives: r.initiatives.length, evpi: r.evpi, p10: r.initiatives[0].npv[0], p90: r.initiatives[0].npv[2] });
      }
      worker.terminate();
      return out;
    });
  for (const r of runs) {
    expect(r.trials).toBe(r === runs[6] || r === runs[7] || r === runs[8] ? 100000 : 10000);
    expect(r.initiatives).toBe(20);
    expect(r.p10).toBeLessThan(r.p90);
    expect(Number.isFinite(r.evpi)).toBe(true);
  }
  const times = runs.slice(1, 6).map((r) => r.ms).sort((a, b) => a - b); // the first run warms up
  const big = runs.slice(6).map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    `simulation in the worker (headless Chromium): 20 initiatives × 10,000 trials: median ${times[2].toFixed(0)} ms, ` +
      `min ${times[0].toFixed(0)} ms, max ${times[4].toFixed(0)} ms over 5 runs (first run ${runs[0].ms.toFixed(0)} ms); target 25 ms`,
  );
  console.log(
    `simulation in the worker (headless Chromium): 20 initiatives × 100,000 trials: median ${big[1].toFixed(0)} ms, ` +
      `min ${big[0].toFixed(0)} ms, max ${big[2].toFixed(0)} ms over 3 runs; target 200 ms`,
  );
});

test('the portfolio in the worker: exact selection, frontier, and the portfolio under the ranges', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  const r: { select_ms: number[]; optimal: boolean[]; frontier_ms: number; frontier_levels: number; uncertainty_ms: number; solved: number } =
    await page.evaluate(async () => {
      const worker = new Worker('./persist_loader.js');
      const text = await new Promise<string>((done) => {
        worker.onmessage = (e) => {
          if (e.data.ready) return worker.postMessage({ id: 1, op: 'bench-portfolio', initiatives: 100, instances: 100 });
          if (e.data.id === 1) done(e.data.text);
        };
      });
      worker.terminate();
      return JSON.parse(text);
    });
  expect(r.select_ms).toHaveLength(100);
  expect(r.frontier_levels).toBeGreaterThanOrEqual(40);
  expect(r.solved).toBeGreaterThan(0);
  const s = [...r.select_ms].sort((a, b) => a - b);
  const stopped = r.optimal.filter((o) => !o).length;
  console.log(
    `portfolio selection in the worker (headless Chromium), 100 random feasible instances of 100 initiatives ` +
      `(plan::benchmark_problem: 3 yearly budgets, requirement chains, alternatives, mandatory items): median ${s[49].toFixed(1)} ms, worst ${s[99].toFixed(1)} ms, ` +
      `${stopped} stopped at the node limit; targets 100 ms median, 1 s worst. Frontier of 100 initiatives, ` +
      `${r.frontier_levels} budget levels: ${r.frontier_ms.toFixed(0)} ms (target 2 s). Portfolio under 10,000 trials of ` +
      `20 initiatives, best set solved on ${r.solved} trials: ${r.uncertainty_ms.toFixed(0)} ms (target 1 s)`,
  );
});
