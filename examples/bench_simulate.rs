//! Benchmark: Monte Carlo of a 20-initiative scenario, 10,000 trials (`simulate::
//! benchmark_scenario`: every cost, timing and benefit estimate a range, plus the shared discount
//! and hourly rates). The same run in headless Chromium is in `tests/e2e/perf.spec.ts`.
//! `cargo run --profile bench --example bench_simulate` prints the figures; it gates nothing.
use caseboard::model::simulate::{benchmark_scenario, simulate, uncertain_inputs};
use caseboard::model::*;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let s = benchmark_scenario(20);
    assert!(evaluate(&s).is_ok());
    let inputs = uncertain_inputs(&s).len();
    let runs = 15;
    let mut times = Vec::with_capacity(runs);
    for seed in 0..runs as u64 {
        let t = Instant::now();
        black_box(simulate(black_box(&s), 10_000, seed));
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "bench simulate: 20 initiatives × 10,000 trials, {inputs} uncertain inputs, 5 years: median {:.1} ms, min {:.1} ms, max {:.1} ms over {runs} runs (native)",
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
}
