//! Benchmark: Monte Carlo of a 20-initiative scenario, 10,000 trials, every cost, timing and
//! benefit estimate a range, plus the shared discount and hourly rates.
//! `cargo run --profile bench --example bench_simulate` prints the figures; it gates nothing.
use caseboard::model::simulate::{simulate, uncertain_inputs};
use caseboard::model::*;
use std::hint::black_box;
use std::time::Instant;

fn widen(e: &mut Estimate) {
    let l = e.likely;
    *e = Estimate::range(l * 0.7, l, l * 1.4);
}

fn twenty_uncertain_initiatives() -> Scenario {
    let base = example_scenario();
    let mut s = base.clone();
    s.horizon_years = 5;
    s.discount_rate_pct = Estimate::range(7.0, 10.0, 14.0);
    s.default_hourly_rate = Estimate::range(50.0, 65.0, 90.0);
    s.initiatives.clear();
    for i in 0..20 {
        let mut init = base.initiatives[i % 4].clone();
        init.id = format!("i{i}");
        init.name = format!("{} #{i}", init.name);
        init.depends_on.clear();
        widen(&mut init.one_time_cost);
        widen(&mut init.annual_running_cost);
        widen(&mut init.delivery_months);
        for b in &mut init.benefits {
            if let BenefitKind::HoursSaved { hours, .. } = &mut b.kind {
                widen(hours);
            }
            if let BenefitKind::RiskReduced {
                events_per_year,
                loss_per_event,
                ..
            } = &mut b.kind
            {
                widen(events_per_year);
                widen(loss_per_event);
            }
        }
        s.initiatives.push(init);
    }
    s
}

fn main() {
    let s = twenty_uncertain_initiatives();
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
