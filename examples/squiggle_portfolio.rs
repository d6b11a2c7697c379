//! The benchmark's 20-initiative model (`simulate::benchmark_scenario(20)`) for Squiggle
//! (npm @quri/squiggle-lang), the anchor of `tools/squiggle-portfolio.mjs`.
//!
//! * `cargo run --profile bench --example squiggle_portfolio` (or `-- code`) prints Squiggle
//!   source for the same model. It is generated from the scenario's data, not written by hand,
//!   so it stays the model Caseboard simulates: every ranged input is a PERT draw (`lo + (hi −
//!   lo) · beta(α, β)`, Caseboard's default), the discount rate and the default hourly rate are
//!   drawn once per sample and shared by every initiative (as in `simulate`), each benefit's
//!   annual value is `convert::annual_value`'s formula, and the NPV is the comparison's
//!   month-by-month timeline (`cashflow::monthly_flows` discounted by `finance::npv` at the
//!   monthly rate). Its result is one row per initiative: NPV mean, P10, P50, P90, standard
//!   deviation, and the NPV with every input at its likely value (a check of the generated
//!   formulas that owes nothing to sampling).
//! * `-- run N` runs Caseboard's own `simulate` on the scenario with N trials (seed 1), best of
//!   three, and prints one JSON line with its time and the same figures.
use caseboard::model::simulate::{benchmark_scenario, simulate};
use caseboard::model::*;
use std::fmt::Write as _;
use std::time::Instant;

/// Initiatives in the benchmark's portfolio.
const INITIATIVES: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let s = benchmark_scenario(INITIATIVES);
    if let Err(problems) = evaluate(&s) {
        panic!("{problems:?}");
    }
    match args.first().map(String::as_str) {
        None | Some("code") => print!("{}", squiggle(&s)),
        Some("run") => {
            let trials = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
            run(&s, trials);
        }
        Some(other) => {
            eprintln!("usage: squiggle_portfolio [code | run N] (not {other:?})");
            std::process::exit(2);
        }
    }
}

/// Caseboard's simulation of `s`, timed, as one JSON line.
fn run(s: &Scenario, trials: usize) {
    // the best of three runs, as the machine is shared; the same seed each time, so every run
    // does the same work
    let mut best = f64::INFINITY;
    let mut sim = None;
    for _ in 0..3 {
        let t = Instant::now();
        let r = simulate(s, trials, 1);
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        sim.get_or_insert(r);
    }
    let sim = sim.expect("three runs");
    let n = s.initiatives.len();
    let t = sim.trials;
    // The standard deviation from the trials themselves, so that the agreement check does not
    // have to guess it from the percentiles.
    let sd: Vec<f64> = (0..n)
        .map(|k| {
            let mean = sim.initiatives[k].npv.mean;
            let ss: f64 = (0..t)
                .map(|i| (sim.npv_trials[i * n + k] - mean).powi(2))
                .sum();
            (ss / (t.max(2) - 1) as f64).sqrt()
        })
        .collect();
    let likely: Vec<f64> = evaluate_valid(s)
        .initiatives
        .iter()
        .map(|r| r.npv())
        .collect();
    let npv = |f: fn(&caseboard::model::simulate::Spread) -> f64| -> Vec<f64> {
        sim.initiatives.iter().map(|i| f(&i.npv)).collect()
    };
    let names: Vec<&str> = s.initiatives.iter().map(|i| i.name.as_str()).collect();
    println!(
        "{}",
        serde_json::json!({
            "trials": t,
            "ms": best,
            "names": names,
            "means": npv(|x| x.mean),
            "p10": npv(|x| x.p10),
            "p50": npv(|x| x.p50),
            "p90": npv(|x| x.p90),
            "sd": sd,
            "likely": likely,
        })
    );
}

/// A number as Squiggle reads it (Rust never writes an exponent for `f64`).
fn num(x: f64) -> String {
    if x < 0.0 {
        format!("({x})")
    } else {
        format!("{x}")
    }
}

/// Whether `simulate` draws `e`: a range of some width around its likely value (its `sampler`'s
/// rule); any other estimate stays at its likely value.
fn drawn(e: &Estimate) -> bool {
    let (low, high) = (e.low.unwrap_or(e.likely), e.high.unwrap_or(e.likely));
    let width = high - low;
    width > 0.0 && (low..=high).contains(&e.likely)
}

/// The Squiggle program being generated: the draws, defined once at the top level so that every
/// initiative that reads one (the shared rates) reads the same samples.
#[derive(Default)]
struct Program {
    draws: String,
    defined: Vec<String>,
}

/// One initiative's sample-based inputs: the draws its `mapN` pairs up, by name, with each
/// one's likely value (for the check at the likely values).
#[derive(Default)]
struct Inputs {
    names: Vec<String>,
    likely: Vec<f64>,
}

impl Program {
    /// The expression for estimate `e` inside an initiative's function of `xs`: `xs[j]` for a
    /// draw, the likely value for anything else.
    fn operand(&mut self, inputs: &mut Inputs, name: &str, e: &Estimate) -> String {
        if !drawn(e) {
            return num(e.likely);
        }
        if !self.defined.iter().any(|d| d == name) {
            let (lo, hi) = (e.low.unwrap_or(e.likely), e.high.unwrap_or(e.likely));
            writeln!(
                self.draws,
                "{name} = pert({}, {}, {})",
                num(lo),
                num(e.likely),
                num(hi)
            )
            .unwrap();
            self.defined.push(name.to_string());
        }
        let j = match inputs.names.iter().position(|n| n == name) {
            Some(j) => j,
            None => {
                inputs.names.push(name.to_string());
                inputs.likely.push(e.likely);
                inputs.names.len() - 1
            }
        };
        format!("xs[{j}]")
    }
}

/// The annual value of one benefit at full adoption, `convert::annual_value`'s formula, as a
/// Squiggle expression (every field named, so a new field fails to compile here).
fn annual_value(
    p: &mut Program,
    inputs: &mut Inputs,
    prefix: &str,
    kind: &BenefitKind,
    default_rate: &Estimate,
) -> String {
    // The scenario's default hourly rate is named without the initiative, like the discount
    // rate: one draw per sample that every benefit without a rate of its own reads.
    let mut x = |key: &str, e: &Estimate| {
        let name = match key {
            "default_hourly_rate" => key.to_string(),
            _ => format!("{prefix}_{key}"),
        };
        p.operand(inputs, &name, e)
    };
    match kind {
        BenefitKind::HoursSaved(HoursSaved {
            hours,
            per,
            hourly_rate,
            adoption_pct,
            recapture_pct,
        }) => {
            let rate = match hourly_rate {
                Some(r) => x("hourly_rate", r),
                None => x("default_hourly_rate", default_rate),
            };
            format!(
                "{} * {} * {rate} * {} / 100 * {} / 100",
                x("hours", hours),
                num(per.per_year()),
                x("adoption_pct", adoption_pct),
                x("recapture_pct", recapture_pct),
            )
        }
        BenefitKind::OutageAvoided(OutageAvoided {
            baseline_minutes_per_year,
            reduction_pct,
            revenue_per_minute,
            revenue_impact_pct,
            affected_staff,
            hourly_rate,
            productivity_loss_pct,
            incidents_avoided_per_year,
            cost_per_incident,
        }) => {
            let rate = match hourly_rate {
                Some(r) => x("hourly_rate", r),
                None => x("default_hourly_rate", default_rate),
            };
            format!(
                "{} * {} / 100 * ({} * {} / 100 + {} * ({rate} / 60) * {} / 100) + {} * {}",
                x("baseline_minutes_per_year", baseline_minutes_per_year),
                x("reduction_pct", reduction_pct),
                x("revenue_per_minute", revenue_per_minute),
                x("revenue_impact_pct", revenue_impact_pct),
                x("affected_staff", affected_staff),
                x("productivity_loss_pct", productivity_loss_pct),
                x("incidents_avoided_per_year", incidents_avoided_per_year),
                x("cost_per_incident", cost_per_incident),
            )
        }
        BenefitKind::RiskReduced(RiskReduced {
            events_per_year,
            loss_per_event,
            likelihood_reduction_pct,
            impact_reduction_pct,
        }) => {
            let (ev, loss) = (
                x("events_per_year", events_per_year),
                x("loss_per_event", loss_per_event),
            );
            format!(
                "{ev} * {loss} - {ev} * (1 - {} / 100) * {loss} * (1 - {} / 100)",
                x("likelihood_reduction_pct", likelihood_reduction_pct),
                x("impact_reduction_pct", impact_reduction_pct),
            )
        }
        BenefitKind::CostAvoided(CostAvoided { amount_per_year }) => {
            x("amount_per_year", amount_per_year)
        }
        BenefitKind::RevenueGained(RevenueGained {
            revenue_per_year,
            margin_pct,
        }) => format!(
            "{} * {} / 100",
            x("revenue_per_year", revenue_per_year),
            x("margin_pct", margin_pct),
        ),
    }
}

/// The Squiggle program for `s`.
fn squiggle(s: &Scenario) -> String {
    // What the generated program leaves out must be absent from the scenario: `simulate`
    // re-orders correlated draws, and draws lognormals when asked; Squiggle here does neither.
    assert!(
        s.correlations.is_empty(),
        "the generated model has no correlations"
    );
    assert_eq!(
        s.simulation.distribution,
        Distribution::Pert,
        "the generated model draws PERT"
    );
    let mut p = Program::default();
    let mut functions = String::new();
    let mut calls = String::new();
    let mut rows = Vec::new();
    for (k, i) in s.initiatives.iter().enumerate() {
        let mut inputs = Inputs::default();
        // The scenario-wide rates are named without the initiative, so that every initiative's
        // `mapN` reads the same samples of them: paired, as in `simulate`.
        let rate = p.operand(&mut inputs, "discount_rate_pct", &s.discount_rate_pct);
        let id = format!("i{k}");
        let mut own = |key: &str, e: &Estimate| p.operand(&mut inputs, &format!("{id}_{key}"), e);
        let one_time = own("one_time_cost", &i.one_time_cost);
        let running = own("annual_running_cost", &i.annual_running_cost);
        let delivery = own("delivery_months", &i.delivery_months);
        let ramp = own("ramp_up_months", &i.ramp_up_months);
        let confidence = own("confidence_pct", &i.confidence_pct);
        let benefits: Vec<String> = i
            .benefits
            .iter()
            .enumerate()
            .map(|(n, b)| {
                format!(
                    "({})",
                    annual_value(
                        &mut p,
                        &mut inputs,
                        &format!("{id}_b{n}"),
                        &b.kind,
                        &s.default_hourly_rate
                    )
                )
            })
            .collect();
        let annual = if benefits.is_empty() {
            "0".to_string()
        } else {
            benefits.join(" + ")
        };
        assert!(
            !inputs.names.is_empty(),
            "{}: nothing drawn, no samples to map",
            i.name
        );
        writeln!(
            functions,
            "// {}\nnpv_{k}(xs) = npvOf({rate} / 100, {one_time}, {running} / 12, ({annual}) / 12 * {confidence} / 100, {delivery}, max([1, {ramp}]))",
            i.name
        )
        .unwrap();
        writeln!(
            calls,
            "i{k} = SampleSet.mapN([{}], npv_{k})",
            inputs.names.join(", ")
        )
        .unwrap();
        let likely: Vec<String> = inputs.likely.iter().map(|v| num(*v)).collect();
        rows.push(format!("row(i{k}, npv_{k}([{}]))", likely.join(", ")));
    }
    let horizon = s.horizon_years as usize * 12;
    format!(
        "// {n} initiatives of Caseboard's benchmark scenario, {horizon} months: generated by
// examples/squiggle_portfolio.rs from the scenario's data.
// PERT(lo, mode, hi) as Caseboard draws it: lo + (hi - lo) * Beta(alpha, beta).
pert(lo, mode, hi) = lo + (hi - lo) * SampleSet.fromDist(beta(1 + 4 * (mode - lo) / (hi - lo), 1 + 4 * (hi - mode) / (hi - lo)))
{draws}
// NPV of the monthly flows: the one-time cost in month 0; from month 1 the running cost and
// the benefit, clamp((m - delivery) / ramp, 0, 1) of a full month; discounted monthly at
// (1 + annual)^(1/12) - 1.
months = List.upTo(1, {horizon})
npvOf(rate, oneTime, running, full, d, ramp) = {{
  mr = (1 + rate) ^ (1 / 12) - 1
  List.reduce(months, -oneTime, {{|acc, m| acc + (full * max([0, min([1, (m - d) / ramp])]) - running) / (1 + mr) ^ m}})
}}
{functions}
{calls}
// per initiative: mean, P10, P50, P90, standard deviation, NPV at the likely values
row(d, atLikely) = [mean(d), quantile(d, 0.1), quantile(d, 0.5), quantile(d, 0.9), stdev(d), atLikely]
[
  {}
]
",
        rows.join(",\n  "),
        n = s.initiatives.len(),
        draws = p.draws,
    )
}
