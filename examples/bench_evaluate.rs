//! Benchmark: evaluating a 20-initiative scenario (validation + every figure + derivations).
//! `cargo run --profile bench --example bench_evaluate` prints the figures; it gates nothing.
use caseboard::model::*;
use std::hint::black_box;
use std::time::Instant;

fn twenty_initiatives() -> Scenario {
    let base = example_scenario();
    let mut s = base.clone();
    s.horizon_years = 5;
    s.initiatives.clear();
    for i in 0..20 {
        let mut init = base.initiatives[i % 4].clone();
        init.id = format!("i{i}");
        init.name = format!("{} #{i}", init.name);
        init.depends_on.clear();
        init.one_time_cost.likely *= 1.0 + i as f64 / 20.0;
        s.initiatives.push(init);
    }
    s
}

fn main() {
    let s = twenty_initiatives();
    assert!(evaluate(&s).is_ok());
    let runs = 2_000;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        black_box(evaluate(black_box(&s)).ok());
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / runs as f64;
    println!(
        "bench evaluate: 20 initiatives × 5 years ({} months): median {:.1} µs, mean {:.1} µs, p95 {:.1} µs over {runs} runs",
        s.horizon_years * 12,
        times[runs / 2],
        mean,
        times[runs * 95 / 100]
    );
}
